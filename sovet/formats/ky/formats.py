# Django's Kyrgyz formats name months in the nominative with a capital («2 Апрель 2021 ж.»),
# which reads wrong; numeric dates are what Kyrgyz official texts use.
DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "d.m"
