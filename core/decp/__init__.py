"""The published contracts (données essentielles de la commande publique): reading the files, keeping them, the
territory's figures.
"""
