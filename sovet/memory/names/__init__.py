"""Finding a person however their name was written.

spellings  how a name may be written and heard (Latin readings, sound, name groups)
keys       the keys a card is indexed by and a query asks for
ranking    how well a card's names match a query
search     the query: keys looked up in the database, candidates ranked
"""
