"""Kyrgyz and English texts of the XII conference's resolution (the seed, adopted in Russian):
the Council's own document, translated for the demo. Used by demo.py; by decision number."""

PREAMBLE = {
    "ky": (
        "Биз, Кыргыз Республикасындагы орус мекендештеринин XII өлкөлүк конференциясынын "
        "катышуучулары, орус мекендештер уюмдарынын 2019–2020-жылдардагы ишинин жыйынтыктарын "
        "талкуулап, Кыргызстандагы орус мекендештер кыймылынын, орус тилин сактоонун жана "
        "өнүктүрүүнүн, орус маданиятынын жана тарыхый эстин, мекендештер уюмдарынын Кыргыз "
        "Республикасынын жана Россия Федерациясынын мамлекеттик органдары, Россиянын КРдагы "
        "Элчилиги жана башка россиялык чет өлкөлүк мекемелер менен өз ара аракеттенүүсүнүн "
        "маселелерин карап, ТОКТОМ КЫЛДЫК:"
    ),
    "en": (
        "We, the participants of the XII country conference of Russian compatriots of the Kyrgyz "
        "Republic, having discussed the results of the work of the compatriots' organizations in "
        "2019–2020, and having considered the compatriots' movement in Kyrgyzstan, the preservation "
        "and development of the Russian language, Russian culture and historical memory, and the "
        "work of the compatriots' organizations with the state bodies of the Kyrgyz Republic and "
        "the Russian Federation, the Embassy of Russia in the Kyrgyz Republic and other Russian "
        "missions abroad, RESOLVED:"
    ),
}

DECISIONS = {
    1: (
        "Кыргыз Республикасы менен Россия Федерациясынын 2020-жылы башталып, учурда уланып "
        "жаткан Кыргызстан менен Россиянын кайчылаш жылынын алкагындагы тыгыз өнөктөштүгүнүн "
        "жана кызматташтыгынын жаңы деңгээлин белгилөө. Республикадагы орус мекендештер "
        "уюмдарына кайчылаш жылдын иш-чараларына жигердүү катышуу мүмкүнчүлүктөрүн табууну "
        "сунуштоо.",
        "To note the new level of close partnership and cooperation between the Kyrgyz Republic "
        "and the Russian Federation within the Cross Year of Kyrgyzstan and Russia, begun in 2020 "
        "and continuing this year. To recommend that the compatriots' organizations of the "
        "republic find ways to take an active part in the events of the Cross Year.",
    ),
    2: (
        "Кыргыз Республикасынын жетекчилигинин Россия менен достукту жана кызматташтыкты "
        "өнүктүрүүгө, өлкөдө этностор аралык тынчтыкты жана ынтымакты чыңдоого, республикада "
        "орус тилинин статусун мындан ары колдоого багытталган саясатын бардык жагынан колдоо.",
        "To give every support to the policy of the leadership of the Kyrgyz Republic aimed at "
        "developing friendship and cooperation with Russia, at strengthening inter-ethnic peace "
        "and harmony in the country and at further upholding the status of the Russian language "
        "in the republic.",
    ),
    3: (
        "Улуу Ата Мекендик согуштун башталышынын 80 жылдыгына — эстелик датага — даярдыкты "
        "республиканын мекендештерин тартуу менен жигердүү улантуу. Мекендештердин «Өлбөс "
        "полк» жана «Георгий тасмасы» жалпы элдик акцияларына катышуусун кеңейтүү. Тарыхый "
        "эсти сактоого көмөктөшүү, тарыхты бурмалоого жана фашизмди бардык көрүнүштөрүндө "
        "акташка болгон аракеттерге жигердүүрөөк каршы туруу, фашизмдин пропагандасына каршы "
        "аракеттенүү. Бул багытта Ленинград блокадачыларынын Кыргыз коомунун чоң ишин белгилөө.",
        "To continue active preparations for the memorable date, the 80th anniversary of the "
        "beginning of the Great Patriotic War, involving the compatriots of the republic. To "
        "widen the compatriots' part in the nationwide campaigns “Immortal Regiment” and “St. "
        "George Ribbon”. To help preserve historical memory, to stand up more actively against "
        "attempts to falsify history and to rehabilitate fascism in all its forms, and to counter "
        "the propaganda of fascism. To note the great work in this field of the Kyrgyz Society of "
        "Siege of Leningrad Survivors.",
    ),
    4: (
        "Россия Федерациясынын мекендештердин укуктарын жана мыйзамдуу кызыкчылыктарын "
        "коргоого, Орус дүйнөсүн бириктирүүгө багытталган мамлекеттик саясатын колдоо.",
        "To express support for the state policy of the Russian Federation aimed at protecting "
        "the rights and lawful interests of compatriots and at consolidating the Russian World.",
    ),
    5: (
        "Кыргызстандагы мекендештер уюмдарына өз ишинде орус мекендештеринин VI Бүткүл дүйнөлүк "
        "конгрессинин, «Мекендеш аялдар жана муундардын уланмалуулугу» Бүткүл дүйнөлүк "
        "тематикалык конференциясынын чечимдерин жетекчиликке алууну сунуштоо.",
        "To recommend that the compatriots' organizations in Kyrgyzstan be guided in their work "
        "by the decisions of the VI World Congress of Russian Compatriots and of the World "
        "thematic conference “Women Compatriots and the Continuity of Generations”.",
    ),
    6: (
        "Кыргызстандын мекендеш аялдар союзун түзүүнү жактыруу. Жигердүү аялдарды бириктирүүнүн, "
        "алардын чыгармачыл жана ишкердик потенциалын мекендештер кыймылын чыңдоого жана "
        "өнүктүрүүгө жандандыруунун маанилүүлүгүн белгилөө.",
        "To approve the creation of the Union of Women Compatriots of Kyrgyzstan. To note the "
        "importance of bringing active women together and of drawing on their creative and "
        "business potential to strengthen and develop the compatriots' movement.",
    ),
    7: (
        "Координациялык кеңештин алдындагы Жаш орус мекендештер кеңешинин, «Наша Победа – "
        "Биздин Жеңиш», «Жеңиш волонтёрлору» кыймылдарынын, «Эстелик жайы», «Эстелик жолу» "
        "долбоорлорунун ишин жактыруу жана колдоо. Орус мекендештер уюмдарынын ишинде жаштардын "
        "демилгелерин өнүктүрүүгө, жаштарды мекендештер кыймылына бардык жагынан тартууга басым "
        "жасоо.",
        "To approve and support the work of the Council of Young Russian Compatriots at the "
        "Coordination Council, the movements “Nasha Pobeda – Bizdin Zhenish” and “Volunteers of "
        "Victory”, and the projects “Place of Memory” and “Road of Memory”. In the work of the "
        "compatriots' organizations, to put the stress on youth initiatives and on drawing young "
        "people into the compatriots' movement in every way.",
    ),
    8: (
        "Республикада кыргыз-орус бизнес-долбоорлорун ишке ашырууну жактыруу. Кыргызстандагы "
        "орус диаспорасынын өкүлдөрүнүн экономикалык ишин колдогон жана өнүктүргөн Мекендештер "
        "гильдияларынын ассоциациясынын ишин белгилөө.",
        "To approve the carrying out of Kyrgyz-Russian business projects in the republic. To "
        "note the work of the Association of Compatriots' Guilds, which supports and develops the "
        "economic activity of the Russian diaspora in Kyrgyzstan.",
    ),
    9: (
        "КСОРСтун сайтын модернизациялоо үчүн каражат табуу.",
        "To find the funds to modernize the Council's website.",
    ),
    10: (
        "Чет өлкөлөрдөгү мекендештерди колдоо жана алардын укуктарын коргоо фондунун, анын "
        "Бишкектеги жана Оштогу борборлорунун ишин маанилүү деп эсептөө.",
        "To regard as important the work of the Foundation for Supporting and Protecting the "
        "Rights of Compatriots Living Abroad and of its centres in Bishkek and Osh.",
    ),
    11: (
        "Россия Федерациясынын Өкмөтүнүн Кыргызстанда орус тилинде окутуучу мектептерди түзүү "
        "боюнча чечимин жактыруу. Ош шаарынын мектептеринде Россиядан келген мугалимдердин "
        "ишинин маанилүүлүгүн белгилөө.",
        "To approve the decision of the Government of the Russian Federation to create schools "
        "with Russian as the language of instruction in Kyrgyzstan. To note the importance of "
        "the work of teachers from Russia in the schools of Osh.",
    ),
    12: (
        "Мамлекеттик жана коомдук уюмдардын орус тилин жана аны окутуу программаларын мындан "
        "ары колдоо, орус маданиятын, илимин жана тарыхын жайылтуу боюнча ишине көмөктөшүү. "
        "Россиянын жана Улуу Ата Мекендик согуштун тарыхын үйрөнүү үчүн шарттарды түзүү.",
        "To assist state and public organizations in further supporting the Russian language "
        "and programmes for learning it, and in making Russian culture, science and history "
        "better known. To create the conditions for studying the history of Russia and of the "
        "Great Patriotic War.",
    ),
    13: (
        "Россия ИИМинин КРдагы өкүлчүлүгү (миграция маселелери боюнча) менен биргеликте «Чет "
        "өлкөдө жашаган мекендештердин Россия Федерациясына ыктыярдуу көчүп келүүсүнө көмөк "
        "көрсөтүү боюнча мамлекеттик программаны» ишке ашыруу боюнча маалыматтык ишти улантуу.",
        "Together with the Representative Office of the Russian Ministry of Internal Affairs in "
        "the Kyrgyz Republic (on migration), to continue informing people about the “State "
        "Programme to Assist the Voluntary Resettlement to the Russian Federation of Compatriots "
        "Living Abroad”.",
    ),
    14: (
        "Кыргызстандын КСОРСунун Москва, Санкт-Петербург, Татарстан Республикасы, Алтай крайы, "
        "Ямал-Ненец автономиялык округунун мамлекеттик органдары менен региондор аралык өз ара "
        "аракеттенүүсүн улантуу. Россия Федерациясынын башка субъекттери менен ишти "
        "жандандыруу.",
        "To continue the interregional cooperation of the Council with the state bodies of "
        "Moscow, Saint Petersburg, the Republic of Tatarstan, Altai Krai and the Yamalo-Nenets "
        "Autonomous Okrug. To step up work with other constituent entities of the Russian "
        "Federation.",
    ),
    15: (
        "КРдын Акыйкатчысы Т. Б. Мамытовго орус мекендештерин Акыйкатчынын коомдук жардамчыларынын "
        "курамына киргизгени үчүн ыраазычылык билдирүү.",
        "To thank the Ombudsman of the Kyrgyz Republic, T. B. Mamytov, for including Russian "
        "compatriots among the Ombudsman's public assistants.",
    ),
    16: (
        "Кыргыз Республикасынын мамлекеттик бийлик жана жергиликтүү өз алдынча башкаруу "
        "органдарына, Кыргызстан элинин Ассамблеясына, Россия Федерациясынын Кыргыз "
        "Республикасындагы Элчилигине, Россотрудничествонун Өкүлчүлүгүнө жана башка россиялык "
        "чет өлкөлүк мекемелерге, «Москва мекендештер үйүнө» орус мекендештер уюмдарын натыйжалуу "
        "колдогону үчүн ыраазычылык билдирүү.",
        "To thank the state and local self-government bodies of the Kyrgyz Republic, the "
        "Assembly of the People of Kyrgyzstan, the Embassy of the Russian Federation in the "
        "Kyrgyz Republic, the Representative Office of Rossotrudnichestvo and other Russian "
        "missions abroad, and the “Moscow House of Compatriots” for their effective support of "
        "the compatriots' organizations.",
    ),
    17: (
        "Кыргыз Республикасынын орус мекендештеринин Координациялык кеңешинин жаңы курамын "
        "бекитүү.",
        "To approve the new composition of the Coordination Council of Russian Compatriots of "
        "the Kyrgyz Republic.",
    ),
    18: (
        "Кыргыз Республикасынын орус мекендештеринин XIII өлкөлүк конференциясын 2022-жылдын "
        "март–апрель айларында өткөрүү.",
        "To hold the XIII country conference of Russian compatriots of the Kyrgyz Republic in "
        "March–April 2022.",
    ),
}
