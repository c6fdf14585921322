"""The exchange files and the record writes: reading rules, file kinds, imports, and the one path every form and
import writes through.
"""
