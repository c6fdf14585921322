"""A small client of Streamlit's own WebSocket protocol: one official's session on the dashboard, without a browser.

It speaks as Streamlit's frontend does: a `BackMsg` rerun_script (its `ClientState`: the query string, the widgets'
states, the page's script hash) on `/_stcore/stream` (subprotocol "streamlit"), then `ForwardMsg`s back until
script_finished. So a load test loads the server, not a browser (16 Chromiums on two cores measured the browsers).
A run's time is from the rerun message to its script_finished; an error is an exception drawn by the script, a
socket closed by the server or a run that never ends (`timeout`).
"""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.MultiSelect_pb2 import MultiSelect
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN  # the script asked for a rerun: the same run goes on


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    error: str | None = None
    metrics: list[str] = field(default_factory=list)  # the labels of the st.metric drawn
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Widget:
    id: str
    kind: str  # "selectbox" or "multiselect"
    options: list[str]


class DashboardSession:
    """One browser tab on the server at `url` (http://host:port): `open()` runs the first page, `choose()` changes
    the sidebar's filters as a click would (the widget ids are read from the runs' deltas)."""

    def __init__(self, url: str, query: str = "", timeout: float = 60) -> None:
        self.stream = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.query = query
        self.timeout = timeout
        self.socket: websockets.ClientConnection | None = None
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # by the widget's key (flt_from…), its id as last drawn
        self.states: dict[str, WidgetState] = {}  # by key: what this tab has chosen

    async def open(self) -> Run:
        self.socket = await websockets.connect(self.stream, subprotocols=[websockets.Subprotocol("streamlit")],
                                               max_size=None, open_timeout=self.timeout, ping_interval=None)
        return await self.rerun()

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    def filters(self) -> dict[str, list[str]]:
        """The filters' widgets of the last run and their options: {"flt_from": ["2019", …], …}."""
        return {key: widget.options for key, widget in self.widgets.items()}

    async def choose(self, **values: str | list[str]) -> Run:
        """Set filters by key (`flt_from="2024"`, `flt_buyers=["…"]`) and time the run it triggers."""
        for key, value in values.items():
            widget = self.widgets[key]
            state = WidgetState(id=widget.id)
            if isinstance(value, list):
                state.string_array_value.data.extend(value)
            else:
                state.string_value = value
            self.states[key] = state
        return await self.rerun()

    async def rerun(self) -> Run:
        assert self.socket is not None
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_script_hash = self.page_hash
        client.context_info.timezone = "Europe/Paris"
        client.context_info.locale = "fr-FR"
        for key, state in self.states.items():
            state.id = self.widgets[key].id if key in self.widgets else state.id
            client.widget_states.widgets.append(state)
        start = time.perf_counter()
        run = Run(0.0)
        try:
            await self.socket.send(message.SerializeToString())
            await asyncio.wait_for(self._until_finished(run), self.timeout)
        except TimeoutError:
            run.error = f"timeout ({self.timeout:.0f} s)"
        except websockets.ConnectionClosed as exc:
            run.error = f"socket closed ({exc.rcvd.code if exc.rcvd else 'no close frame'})"
        run.seconds = time.perf_counter() - start
        if run.exceptions and not run.error:
            run.error = "exception: " + run.exceptions[0]
        return run

    async def _until_finished(self, run: Run) -> None:
        assert self.socket is not None
        while True:
            data = await self.socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._read_delta(msg, run)
            elif kind == "navigation" and msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "new_session" and msg.new_session.page_script_hash:
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string  # the filters written into the URL
            elif kind == "script_finished" and msg.script_finished != RERUN:
                if msg.script_finished not in FINISHED:
                    run.error = f"script_finished {ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)}"
                return

    def _read_delta(self, msg: ForwardMsg, run: Run) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "metric":
            run.metrics.append(element.metric.label)
        elif kind in ("selectbox", "multiselect"):
            widget = getattr(element, kind)
            key = widget.id.rsplit("-", 1)[-1]  # a keyed widget's id ends with its key
            if key.startswith("flt_"):
                self.widgets[key] = Widget(widget.id, kind, list(widget.options))
                if widget.set_value and key in self.states:  # the script set it (a year "à" raised to "de"):
                    self._mirror(key, widget)  # as the browser, the next run sends that value, not ours

    def _mirror(self, key: str, widget: Any) -> None:
        state = WidgetState(id=widget.id)
        if isinstance(widget, MultiSelect):
            state.string_array_value.data.extend(widget.raw_values)
        elif widget.HasField("raw_value"):
            state.string_value = widget.raw_value
        else:
            del self.states[key]  # no value: the script's own default
            return
        self.states[key] = state
