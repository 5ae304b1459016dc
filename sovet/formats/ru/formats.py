# Russian dates are Django's («2 апреля 2021 г.», «2 апреля 2021 г. 14:00»); only the day and
# month without a year take the genitive month too («2 апреля», where Django writes «2 Апрель»).
MONTH_DAY_FORMAT = "j E"
