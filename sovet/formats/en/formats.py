# One way of writing dates on the English site, the British order the content already uses:
# "2 April 2021", "2 April 2021, 14:00", "April 2021" (Django's American "April 2, 2021" and
# "2 p.m." mixed with it on one page). Kyrgyzstan's 24-hour clock.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Kyrgyzstan
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
