# Kyrgyz writes a date «2021-жылдын 2-апрели»: the year in the genitive, the day's ordinal and
# the month with the possessive ending (январы, февралы, марты, апрели, майы, июну, июлу,
# августу, сентябры, октябры, ноябры, декабры). Django's Kyrgyz months are nominative and
# capitalized («2 Апрель 2021 ж.»), so the possessive forms are our catalogue's "alt. month"
# (the ``E`` format character; see sovet/formats/months.py); the Cyrillic words here are not
# format characters. Short dates stay numeric, as Kyrgyz official tables write them.
DATE_FORMAT = "Y-жылдын j-E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y-жылдын j-E, H:i"
YEAR_MONTH_FORMAT = "Y-жылдын E"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space, as Russian
NUMBER_GROUPING = 3
