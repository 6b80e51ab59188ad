"""The safeguarding screen's rules: named patterns by concern, with shared word lists.

Data only, kept apart from the matching code in engine.py so that a
safeguarding lead's review of what is caught reads as one table.
"""

# Shared word lists, written into patterns as <NAME>.
GROUPS = {
    "W": r"(?:(?!not\b|never\b)\w+\s+)",  # any one word except a negation
    "ME": r"(?:me|us)",
    "PRIVATES": r"(?:private(?:\s+(?:parts?|area|bits|places?))?|privates|penis|dick|willy"
    r"|cock|genitals?|vagina|fanny|pussy|breasts?|boobs?|tits|nipples?|bits|bum|bottom|butt"
    r"|backside|arse|ass|balls|crotch|groin)",
    "CLOTHES": r"(?:pants|trousers|knickers|underwear|boxers|shorts|joggers|pyjamas|pjs|skirt|bra)",
    "FOOD": r"(?:food|water|a\s+drink|drinks|meals?|dinner|breakfast|lunch)",
    "PILLS": r"(?:tablets|pills|meds|medication|medicine|paracetamol|painkillers|capsules|tabs)",
    "CUT_BODY": r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|belly|body|chest|hips?|face"
    r"|neck)",
    "PEOPLE": r"(?:patients?|residents?|service\s+users?|lads?|girls?|boys?|wom[ae]n|m[ae]n|him"
    r"|her|them|someone|somebody|people|others|everyone|each\s+other|staff)",
    "VIOLENT": r"(?:hit(?:s|ting)?|slap\w*|punch\w*|kick\w*|shov\w*|beat(?:s|en|ing)?|bit|bite[sn]?"
    r"|biting|strangl\w*|chok(?:e|es|ed|ing)|headbutt\w*|scratch\w*|pinch\w*|thump\w*|smack\w*"
    r"|throttl\w*|batter\w*|bruis\w*|stab\w*|stamp(?:s|ed|ing)?|elbow\w*|twist\w*|drag\w*|slam\w*"
    r"|attack\w*|assault\w*|abus(?:e|es|ed|ing)|bull(?:y|ies|ied|ying)|threaten\w*|harr?[ae]ss?\w*"
    r"|hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur\w*|spat|spit(?:s|ting)?|burn(?:s|ed|t)?|trip\w*"
    r"|humiliat\w*|intimidat\w*|belittl\w*|degrad\w*|mock(?:s|ed|ing)?|manipulat\w*|exploit\w*"
    r"|neglect\w*|gaslight\w*|starv\w*)",
    "DONE_TO": r"(?:hit|slapped|punched|kicked|shoved|beaten(?:\s+up)?|beat\s+up|bitten|strangled"
    r"|choked|headbutted|scratched|pinched|thumped|smacked|battered|stabbed|stamped\s+on|attacked"
    r"|assaulted|abused|bullied|threatened|harr?[ae]ss?ed|hurt|harmed|injured|pushed|tripped"
    r"|humiliated|intimidated|exploited|neglected|(?:spat|shouted|screamed|yelled|sworn)\s+at)",
}

# The rules: a line "name concern pattern", where indented lines continue the pattern and "#"
# lines are comments. Names may be logged; they never carry the respondent's words.
RULES_TABLE = r"""
rape sexual_harm \brap(?:e|es|ed|ing|ist|ists)\b
sexual_assault sexual_harm \bsexual(?:ly)?\s+(?:assault|abus|harr?[ae]ss|touch|attack|exploit
    |violen|comment|remark|joke|advance|favou?r|gesture|message|text|name|thing|stuff|act|contact
    |innuendo|coerc|pressur|groom|misconduct|behaviou?r|activit)
sexual_harm_words sexual_harm \b(?:molest\w*|grop(?:e|es|ed|ing)|fondl\w*|indecen\w*|pervert\w*
    |perv(?:s|y|ing)?|pa?edo\w*|peado\w*|flasher\w*)\b
# Any touching of the writer flags: in a sexual safety survey that is what leads need to see.
touching_me sexual_harm \b(?:touch(?:es|ed|ing)?|strok(?:e|es|ed|ing)|kiss(?:es|ed|ing)?
    |lick(?:s|ed|ing)?|rub(?:s|bed|bing)?|hump(?:s|ed|ing)?)\s+<ME>\b
    (?!\s+(?:deeply|emotionally|the\s+wrong\s+way)\b)|\b(?:felt|feel(?:s|ing)?)\s+me\s+up\b
    |\brub\w*\s+<W>{0,2}?(?:against|on)\s+<ME>\b
touching_intimate sexual_harm \b(?:touch\w*|grab\w*|grop\w*|feel(?:s|ing)?|felt|pinch\w*
    |slap\w*|smack\w*|squeez\w*|rub(?:s|bed|bing)?|strok\w*|kiss\w*|lick\w*|fondl\w*|spank\w*
    |pok(?:e|es|ed|ing)|prod\w*|hands?\s+(?:on|up|down|in|inside|under))\s+(?:<ME>\s+on\s+)?my
    \s+<W>?(?:<PRIVATES>|chest|thighs?|legs?)\b|\bbetween\s+my\s+legs\b
    |\bhands?\s+(?:up|down|in|inside|under|into)\s+my\s+<CLOTHES>
touching_others sexual_harm \b(?:touch\w*|grop\w*|fondl\w*|molest\w*|feel\w*\s+up)\s+
    (?:(?:a|an|another|the|other|some|that|this|young|female|male)\s+)?(?:girls?|boys?|wom[ae]n
    |patients?|kids?|child(?:ren)?|residents?|her|him)\b
unwanted_touch sexual_harm \bbad\s+touch\w*|\b(?:unwanted|unwelcome|inappropriate(?:ly)?)\s+
    (?:touch\w*|contact|kiss\w*|hug\w*|advances?|attention|comments?|remarks?|behaviou?r
    |photos?|pictures?|messages?|sexual\w*)|\btouch\w*\s+<W>{0,2}?(?:inappropriately
    |sexually|in\s+a\s+sexual\s+way)
indecent_exposure sexual_harm \b(?:show(?:s|ed|ing|n)?|flash(?:es|ed|ing)?|expos(?:e|es|ed|ing)
    |got|gets?|getting|pull(?:s|ed|ing)?|takes?|took|taking|wav(?:e|es|ed|ing)|whip(?:s|ped|ping)?)
    \s+(?:<ME>\s+)?(?:out\s+)?(?:his|her|their)\s+<W>?<PRIVATES>\b
    |\bexpos(?:e|es|ed|ing)\s+(?:him|her|them)sel(?:f|ves)|\bflash(?:es|ed|ing)\s+(?:at\s+)?<ME>\b
    |\b(?:his|her|their)\s+<CLOTHES>\s+(?:down|off)\b|\bnaked\s+(?:in\s+front\s+of|at|around)
    \s+<ME>\b|\b(?:is|was|were|walk|wander|run|stand|sit|came|comes)\w*\s+(?:around\s+|about\s+)?
    naked\b
sexual_acts_nearby sexual_harm \b(?:masturbat\w*|wank(?:s|ed|ing)?|(?:jerk|jack)(?:s|ed|ing)?
    \s+off|(?:touch(?:es|ed|ing)?|play(?:s|ed|ing)?\s+with)\s+(?:him|her|them)sel(?:f|ves))\b
made_to_do_sexual_things sexual_harm \b(?:made|make|makes|making|forced?|forces|forcing
    |pressur\w*|push(?:es|ed|ing)?|coerc\w*|brib\w*|trick\w*|manipulat\w*|persuad\w*|pester\w*
    |beg(?:s|ged|ging)?|offer\w*|pay|pays|paid|told|tells?|telling|wants?|wanted|asks?|asked
    |asking|tr(?:y|ies|ied|ying))\s+(?:<ME>\s+)?(?:into\s+|to\s+|for\s+)?(?:have\s+|having\s+
    |do\s+|doing\s+|give\s+(?:him|her|them)\s+)?(?:an?\s+)?(?:sex\b|sexual|oral|blow\s*jobs?
    |hand\s*jobs?|suck\w*|touch\w*\s+(?:him|her|them|his|their)|kiss\w*\s+(?:him|her|them)
    |strip\w*|undress\w*|get\s+(?:naked|undressed)|take\s+(?:off\s+)?my\s+(?:clothes|top|<CLOTHES>)
    |send\w*\s+<W>?(?:nudes|pics|pictures|photos)|show\s+(?:him|her|them)\s+my|see\s+my\s+<W>?
    <PRIVATES>\b|watch\s+porn)
    |\bfor\s+(?:sex|sexual\s+\w+|oral|blow\s*jobs?|nudes)\b
sex_or_images sexual_harm \bsex\s+(?:with|on|at|to)\s+<ME>\b|\b(?:nudes|(?:nude|naked)\s+
    (?:pics?|pictures?|photos?|selfies?)|dick\s+pics?)\b|\b(?:show\w*|sen[dt]\w*)\s+<ME>\s+porn
bedroom_intrusion sexual_harm \b(?:got|gets|get|getting|came|comes|climb\w*|crawl\w*|snuck
    |sneak\w*)\s+(?:in|into)\s+(?:my\s+bed|bed\s+with\s+<ME>)\b|\b(?:patients?|he|she|man|men
    |someone|somebody)\s+<W>{0,2}?(?:come|comes|came|coming|walk\w*|gets?|got|sneak\w*
    |snuck|barg\w*)\s+(?:in|into)\s+my\s+(?:bed)?room\b
sexual_comments sexual_harm \b(?:dirty|sleazy|creepy|pervy|lewd|crude|suggestive|sexist)\s+
    (?:comments?|remarks?|jokes?|texts?|messages?|notes?|gestures?|looks?|names?|talk)\b
    |\b(?:comment|remark|talk|jok)\w*\s+about\s+my\s+(?:body|figure|shape|sex\s+life|<PRIVATES>)
    |\b(?:wolf|cat)\s*(?:whistl|call)\w*|\bcall\w*\s+<ME>\s+(?:a\s+)?(?:slag|slut|whore|sexy|tart
    |hooker|prostitute|slapper|frigid)\b|\b(?:leer|ogl)\w*\s+at\s+<ME>\b|\bstar(?:e|es|ed|ing)
    \s+at\s+my\s+(?:<PRIVATES>|chest|body)
voyeurism sexual_harm \b(?:watch|look|star|peep|peek|film|record|photograph|spy|spie)\w*\s+
    (?:at\s+|on\s+)?<ME>\s+<W>{0,2}?(?:in\s+the\s+(?:shower|bath|toilet|bathroom)
    |showering|undress\w*|getting\s+(?:changed|dressed|undressed)|changing|naked)
    |\b(?:photos?|pictures?|pics?|videos?|films?)\s+of\s+<ME>\s+<W>{0,2}?(?:in\s+the\s+(?:shower
    |bath|toilet)|showering|undress\w*|getting\s+(?:changed|dressed|undressed)|changing|naked)
violence_to_me abuse \b(?<!sexually\s)(?<!sexual\s)<VIOLENT>\s+(?:at\s+|on\s+)?<ME>\b
    |\bpush(?:es|ed|ing)?\s+<ME>\b(?!\s+to\b)|\bthrew\s+<W>{0,2}?at\s+<ME>\b
    |\b(?:sat|sits|sitting|knelt|kneel\w*|stood|jump\w*)\s+on\s+(?:<ME>|my\s+(?:back|neck|chest
    |head))\b|\brough\s+with\s+<ME>\b
violence_to_my_body abuse \b(?<!\bi\s)(?<!\bi\shave\s)(?<!\bi\skeep\s)(?<!\bi\shad\s)(?:hit
    |punch\w*|kick\w*|slap\w*|smack\w*|stamp\w*\s+on|twist\w*|pull\w*|yank\w*|grab\w*|squeez\w*
    |bent|scratch\w*|pinch\w*|bit|bite[sd]?|biting|bitten|strangl\w*|chok\w*|broke|stab\w*
    |elbow\w*|headbutt\w*|thump\w*|hurt\w*|injur\w*|bruis\w*)\s+my\s+(?:face|arms?|wrists?|hair
    |neck|throat|head|back|stomach|belly|fingers?|thumbs?|ears?|nose|eyes?|ribs|hands?|jaw)\b
# Restraint and seclusion alone are restrictive practice, asked about elsewhere; being hurt
# during them is abuse.
done_to_me abuse \b(?:was|were|been|being|got|get|gets|getting)\s+(?:(?!not\b|never\b|sexual)
    \w+\s+)?<DONE_TO>\b
restraint_injury abuse \brestrain\w*\s+<W>{0,5}?(?:hurt|pain\w*|injur\w*|bruis\w*
    |could\s+not\s+breathe|can\s+not\s+breathe|broke)
threat_to_hurt_me abuse \b(?:will|would|going\s+to|wants?\s+to|wanted\s+to|tried\s+to
    |trying\s+to|threaten\w*\s+to)\s+(?:kill|hurt|hit|beat|stab|batter|punch|kick|attack|strangle
    |smash|slap|harm|get)\s+<ME>\b(?!\s+(?:a|an|some|any|out|in|home|to|from|off|something
    |anything|my|the|discharged|back|through)\b)|\b(?:he|she|they|staff|nurses?|someone|somebody
    |patients?|people)\s+(?:is|are|was|were|keeps?)\s+<W>?killing\s+<ME>\b
    |\bthreaten(?:s|ed|ing)?\b|\bthreats?\s+(?:to|against|from)\b|\b(?:made|makes|making|gets|got
    |getting|received)\s+threats?\b
told_to_die abuse \bkill\s+yourself\b|\b(?:told|tells?|telling|said|says)\s+<ME>\s+to\s+
    (?:go\s+)?(?:die|kill\s+myself|hang\s+myself|cut\s+myself)\b
verbal_abuse abuse \b(?:shout|scream|yell|swear|laugh)(?:s|ed|ing)?\s+at\s+<ME>\b
    |\bswore\s+at\s+<ME>\b|\bma(?:de|ke|kes|king)\s+fun\s+of\s+<ME>\b|\bcall(?:s|ed|ing)?\s+<ME>
    \s+(?:names|fat|ugly|stupid|thick|(?:an?\s+)?(?:idiot|retard\w*|psycho|nutter|freak|liar
    |waste|animal|nonce)|mental|worthless|useless|pathetic|disgusting|attention\s+seek\w*|scum
    |crazy)\b
bullying abuse \b(?:bull(?:y|ies|ied|ying)|humiliat\w*|intimidat\w*|belittl\w*|degrading
    |gaslight\w*|victimi[sz]\w*|picked\s+on|pick(?:s|ing)?\s+on\s+<ME>)\b
abuse_or_violence abuse \b(?<!sexual\s)(?<!sexually\s)(?:abus(?:e|es|ed|ing|ive|ers?)
    |assault\w*|violen(?:t|ce)|neglect\w*)\b
harm_to_others abuse \b(?<!\bi\s)(?:hit(?:s|ting)?|slap\w*|punch\w*|kick\w*|beat(?:s|ing)?
    |strangl\w*|chok(?:e|es|ed|ing)|headbutt\w*|stamp\w*\s+on|batter\w*|assault\w*
    |attack(?:s|ed|ing)?|abus(?:e|es|ed|ing))\s+(?:(?:a|an|another|the|other|some|that|this|one)
    \s+)?<PEOPLE>\b
financial_abuse abuse \b(?<!\bi\s)(?:takes?|took|taking|taken|stole|steal\w*|stolen
    |nick(?:s|ed|ing)?|borrow\w*|spen[dt]\w*)\s+(?:all\s+(?:of\s+)?)?my\s+(?:money|cash|benefits
    |pip|pension|wages|allowance|savings|bank\s+card|card|pin)\b|\b(?:made|makes?|forced?
    |forces)\s+<ME>\s+(?:to\s+)?(?:buy|pay|lend|hand\s+over|give\s+(?:(?:him|her|them)\s+)?
    (?:my\s+)?(?:money|cash|food|cigarettes|fags|vapes?|tobacco|things|stuff|card))\b|\b(?:asks?
    |asked|asking|begs?|begged|begging|demand\w*|pressur\w*)\s+<ME>\s+for\s+(?:my\s+)?(?:money
    |cash)\b|\b(?:money|cash)\s+(?:off|from)\s+me\b
neglect abuse \b(?:left\s+<ME>|(?:was|were|been|got|being|am|are)\s+left)\s+(?:lying\s+
    |sitting\s+)?(?:in\s+(?:my\s+|our\s+)?(?:own\s+)?(?:urine|wee|pee|poo|faeces|feces|mess|sick
    |vomit|soiled|wet|dirty)|on\s+the\s+floor|for\s+hours|without\s+(?:food|water|a\s+drink|help))
    |\b(?:not|never|refus\w*\s+to)\s+(?:let|allow\w*)\s+<ME>\s+(?:to\s+)?(?:eat|drink|have\s+
    (?:a\s+|any\s+)?(?:drink|food|water)|use\s+the\s+toilet|go\s+to\s+the\s+toilet)\b
    |\b(?:not|never)\s+(?:been\s+fed|fed|(?:been\s+)?given\s+(?:any\s+)?<FOOD>|(?:feed|fed|feeding)
    \s+<ME>|give\s+<ME>\s+(?:any\s+)?<FOOD>)\b|\bnobody\s+(?:came|comes|helped|helps|checked)\s+
    <W>{0,2}?when\s+i\s+(?:fell|was\s+(?:on\s+the\s+floor|bleeding|hurt|ill|sick)|pressed|rang
    |called|asked)\b
fear_of_someone abuse \b(?:scared|afraid|frightened|terrified)\s+(?:of\s+)?(?:him|her|them
    |staff|(?:a|one|another|the|some|that|this|certain|male|female)\s+<W>?(?:patients?
    |nurses?|staff|m[ae]n|wom[ae]n|doctors?|hcas?|guy|lad|person|people))\b
self_harm_words self_harm \bself\s+(?:harm|injur)\w*|\bmutilat\w*
harm_myself self_harm \b(?:hurt|harm|injur[ey]|cut|burn|scratch|stab|bit|bite|punch|hit|bash
    |scald|punish|starv|poison)\w*\s+myself\b|\bma(?:de|ke|kes|king)\s+myself\s+sick
    |\b(?:can\s+not|could\s+not|unable\s+to)\s+keep\s+myself\s+safe\b|\b(?:danger|risk)\s+to\s+
    myself\b|\bnot\s+(?:feel\s+)?safe\s+(?:from|around|with)\s+myself\b
# "Cut" alone is everyday (leave, hair, budgets): it needs a body part, "again", a time, or
# to end the clause ("I've been cutting").
cutting self_harm \b(?:cut(?:s|ting)?|slash\w*|carv\w*|gouge\w*)\s+(?:(?:on|into)\s+)?my
    \s+<CUT_BODY>\b|\bscratch\w*\s+<W>{0,3}?(?:until|till)\s+<W>{0,2}?(?:bleed|bled)
    |\b(?<!hair\s)(?<!needs\s)(?<!need\s)cutting(?=\s*$|\s+(?:again|still|every|a\s+lot|lots|more
    |badly|deep\w*|myself|on\s+my|last|yesterday|today|this|since|for|when|at\s+night|recently
    |lately|and|or|so|too|my\s+<CUT_BODY>)\b)|\b(?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)(?<!is\s)
    (?<!are\s)(?<!got\s)(?<!get\s)cut\s+(?:again|last\s+night|yesterday|today|tonight
    |this\s+morning|deep\w*)\b|\b(?:fresh|new|deep|open|my)\s+cuts\b|\bcuts\s+(?:on|to|in
    |all\s+over)\s+my\b|\b(?:urges?|want|wanted|wanting|need|needed|tempted|going|itching
    |started|keep|kept)\s+(?:to\s+)?cut\b(?=\s*$|\s+(?:again|so|really|badly|tonight|now|today
    |more|deep)\b)|\bi\s+(?:(?:still|sometimes|often|have|do|usually|always)\s+)?cut(?:\s+again)?$
    |\bcutting\s+(?:helps|calms|is\s+how\s+i|is\s+the\s+only|makes\s+me\s+feel)
blades self_harm \b(?<!fan\s)(?<!shoulder\s)(?:razor\s+)?blades?\b(?!\s+(?:of\s+grass|runner))|\bhid
    (?:e|es|den|ing)?\s+(?:a\s+|some\s+)?(?:glass|razors?|sharps|pieces?\s+of\s+glass)\b
burning self_harm \bburn(?:s|ed|t|ing)?\s+my\s+(?:arms?|wrists?|legs?|skin|thighs?|stomach
    |body)\b|\bcigarette\s+burns\b|\b(?:lighter|cigarette|cig)\s+(?:on|to)\s+my\b
overdose self_harm \boverdo[sz]\w*|\b(?:going\s+to|will|want\s+to|plan\w*\s+to|thinking\s+(?:of
    |about))\s+(?:take|taking|swallow\w*)\s+(?:all|loads|lots|a\s+lot|too\s+many)\s+(?:of\s+)?
    (?:my\s+|the\s+)?<PILLS>\b|\b(?:took|taken|taking|swallowed|downed|necked)\s+(?:loads
    \s+of|lots\s+of|a\s+lot\s+of|a\s+load\s+of|a\s+bunch\s+of|too\s+many|handfuls?\s+of
    |a\s+handful\s+of|a\s+(?:whole\s+)?(?:box|packet|pack|bottle|strip)\s+of|extra|[6-9]
    |[1-9]\d+)\s+(?:my\s+|the\s+)?<W>?<PILLS>\b|\b(?:took|take|taken|taking|swallow\w*
    |downed|necked)\s+<W>{0,4}?<PILLS>\s+(?:all\s+)?(?:at\s+once|in\s+one\s+go|together
    |at\s+the\s+same\s+time)\b|\b(?:swallow\w*|drank|drink\w*|ate)\s+(?:a\s+|some\s+|the\s+)?
    (?:batter(?:y|ies)|glass|pins?|screws?|nails|blades?|bleach|hand\s+(?:gel|saniti[sz]er)
    |objects?|coins?|anti\s*freeze|cleaning\s+products?)\b
ligature self_harm \bligatur\w*|\b(?:tie[sd]?|tying|wrap(?:s|ped|ping)?|put|puts
    |pull(?:s|ed|ing)?|tighten(?:s|ed|ing)?)\s+<W>{0,3}?(?:round|around)\s+my\s+neck\b
head_banging self_harm \bhead\s*bang\w*|\bbang(?:s|ed|ing)?\s+my\s+head\b|\b(?:hit|hits
    |hitting|smash\w*|bash\w*)\s+my\s+head\s+(?:against|on|off|into)\s+(?:the\s+|a\s+)?(?:wall
    |walls|floor|door|doors|window|table|radiator|bed)\b|\bpunch(?:ed|es|ing)?\s+(?:the\s+|a\s+)?
    walls?\b
# Bare "suicide" flags, even about someone else; talk about the topic was removed earlier.
suicide_words suicidal \bsuicid(?:e|es|al|ally)\b|\bunaliv\w*|\bnoose\w*
kill_myself suicidal \bkill(?:s|ed|ing)?\s+myself\b|\b(?:hang(?:ing
    |ed)?|hung|strangl(?:e|ing)|suffocat(?:e|ing)|drown(?:ing)?|shoot(?:ing)?|gas(?:sing)?
    |electrocut(?:e|ing))\s+myself\b
end_my_life suicidal \b(?:end|ends|ended|ending|take|takes|took|taking|taken)\s+my\s+(?:own\s+)?
    life\b|\b(?<!the\s)end(?:ing)?\s+it\s+all\b|\b(?:want|wanted|wants|going|plan|planning
    |planned|ready|decided?|deciding|try|tried|trying|will|would|just|might|could|should|think
    |thinking|thought|about|urges?|need|tempted|consider\w*)\s+(?:to\s+)?end(?:ing)?\s+(?:it
    |everything|things|my\s+life)\b(?!\s+with\b)|\bwant\s+(?:it\s+all|everything)\s+to\s+(?:stop
    |end)\b
want_to_die suicidal \b(?:want|wanted|wanting|wants|wish|wished|wishing|ready|deserve[sd]?
    |rather|need|needs|long|longing|hope|hoping)\s+(?:to\s+)?(?:just\s+)?(?:die|be\s+dead)\b
    |\blet\s+me\s+die\b|\b(?:might|may)\s+as\s+well\s+(?:be\s+dead|die)\b|\bwish(?:ed|es|ing)?\s+
    (?:that\s+)?i\s+(?:was|were|could\s+be|would\s+be|am)\s+dead\b|\bwish(?:ed|es|ing)?\s+
    (?:that\s+)?i\s+(?:could|would|had|did)\s+(?:just\s+)?died?\b|\b(?:want|wish)\w*\s+(?:to\s+)?
    (?:just\s+)?(?:disappear|vanish|stop\s+existing|not\s+exist)\b(?!\s+(?:into|to|from)\b)
# "I wish I wasn't here" flags even with "I want to go home" after it: it is often how people
# first say they want to die, and a lead can tell the difference where software cannot.
wish_not_here suicidal \bwish(?:ed|es|ing)?\s+(?:that\s+)?i\s+(?:(?:was|were|had|did|could
    |would|am)\s+)?(?:not|never)\s+(?:be\s+|been\s+|being\s+)?(?:here|alive|born|exist\w*|around
    |wake\s+up|woken\s+up)\b
no_reason_to_live suicidal \bno\s+(?:reason|point)\s+(?:in\s+|to\s+|of\s+|for\s+me\s+to\s+)?
    (?:live|living|life|be\s+alive|being\s+alive|go(?:ing)?\s+on|carry(?:ing)?\s+on|exist
    |existing|wak(?:e|ing)\s+up)\b|\bnothing\s+(?:left\s+)?to\s+live\s+for\b|\bnot\s+worth\s+
    living\b|\blife\s+is\s+not\s+worth\s+it\b|\b(?:life|living)\s+is\s+(?:pointless|meaningless
    |hopeless)\b|\bpoint\s+(?:of|in)\s+(?:living|life|being\s+alive|going\s+on|carrying\s+on)\b
    |\b(?:not|never)\s+(?:got|have|had|find|found|see)\s+(?:a|any)\s+(?:reason|point)\s+(?:to|in
    |of)\s+(?:live|living|life|going\s+on|carry\w*\s+on)\b|\b(?:i\s+am|i\s+feel|feel\s+like)\s+
    <W>?a\s+burden\b|\bhad\s+enough\s+of\s+(?:life|living|being\s+alive|everything|it\s+all)\b
thoughts_of_death suicidal \b(?:think\w*|thought)\s+(?:about|of)\s+(?:dying|death|being\s+dead
    |not\s+being\s+here|not\s+existing)\b
# "I don't want to be here" usually means the ward, so it needs "any more" to flag.
not_want_to_live suicidal \bnot\s+<W>{0,3}?want\s+to\s+(?:live|be\s+alive|exist
    |wake\s+up|carry\s+on|go\s+on|be\s+here\s+any\s*more|be\s+around\s+any\s*more
    |be\s+on\s+this\s+earth|be\s+in\s+this\s+world)\b(?!\s+(?:leave|the|a|an|holiday|trips?
    |outings?|walks?|about|with|here|there|in|at|on|near|alone)\b)|\bcan\s+not\s+(?:go|carry
    |keep)\s+on\b(?!\s+(?:leave|the|a|an|holiday|trips?|outings?|walks?|with)\b)|\bcan\s+not\s+
    (?:keep\s+going|take\s+(?:it|this)\s+any\s*more|do\s+this\s+any\s*more)\b|\b(?:will|would)
    \s+not\s+be\s+(?:here|around|alive)\s+(?:tomorrow|much\s+longer|for\s+(?:much\s+)?long
    |next\s+week)\b
never_wake_up suicidal \b(?:sleep|want|wish|hope|hoping|pray|praying)\s+<W>{0,3}?
    (?:never|not)\s+(?:to\s+)?wake\s+up\b
better_off_dead suicidal \bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:was|were)\s+
    (?:not\s+)?(?:dead|gone|here|around|alive))\b|\bbe\s+better\s+(?:off\s+)?without\s+me\b
suicide_method suicidal \b(?:jump(?:s|ed|ing)?|throw(?:ing)?\s+myself|threw\s+myself
    |step(?:ped|ping)?|walk(?:ed|ing)?|run(?:ning)?|ran|lie|lay|lying)\s+(?:off|from
    |in\s+front\s+of|under|onto)\s+(?:a\s+|the\s+|an\s+)?(?:bridge|building|roof|cliff|trains?
    |railway(?:\s+line)?|train\s+tracks?|tracks|cars?|bus|lorry|traffic|window|balcony
    |car\s+park|motorway)\b
suicide_plan suicidal \b(?:sav(?:e|es|ed|ing)|stockpil\w*|hoard(?:s|ed|ing)?|hid(?:e|es|den
    |ing)?|collect(?:s|ed|ing)?|stash(?:es|ed|ing)?)\s+(?:up\s+)?(?:my\s+|some\s+|all\s+my\s+)?
    <PILLS>\b|\bgoodbye\s+(?:letters?|notes?|messages?)\b|\bplan(?:ned|ning|s)?\s+(?:to
    |how\s+to)\s+(?:die|end\s+(?:it|my\s+life|things))\b
"""
