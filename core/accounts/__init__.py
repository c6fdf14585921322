"""Who may do what: accounts and roles, passwords, logins and their slowing after failures."""
