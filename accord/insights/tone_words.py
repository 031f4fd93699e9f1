"""Word lists for the tone check (pure): which capitals are acronyms and which are words, and the
function words that tell English from the languages clients most often write in; how much the
check keeps of the words it reads."""

from typing import TypeVar

V = TypeVar("V")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What the check keeps of each word it has read, per table: a word longer than WORD_KEPT is not
# a word (anyone can send a 10,000-letter one) and is worked out again each time; a table that
# reaches WORDS_KEPT starts again, so new words are kept in a long-running process whatever it read
# before.
WORD_KEPT = 30
WORDS_KEPT = 20_000


def keep(table: dict[str, V], word: str, value: V) -> None:
    """Keep what was worked out for `word` in `table`, within the bounds above."""
    if len(word) <= WORD_KEPT:
        if len(table) >= WORDS_KEPT:
            table.clear()
        table[word] = value


# The reader and the writer of a message.
READER = words("you your yours you're you've you'd you'll yourself yourselves ur u y'all")
FIRST = words("we i our us my we're we've we'll i'm i've i'll i'd we'd ours mine myself")

# Capitals that are names of things, not raised voices: formats, colour spaces, roles, trades'
# abbreviations, places and brands agencies write in capitals.
ACRONYMS = words(
    """
    a0 a1 a2 a3 a4 a5 aa aaa acme adidas ai aldi am api app apr ar argos asap asda asos audi av
    avi aws b2b b2c bafta bbc bmw boots bp bst bt cad cbs cc cdn ceo cet cfo cic cmo cms cmyk
    cnn coo cop cpc cpm cpu crm csr css csv cta ctas cto ctr ctv cv dell dev dhl diy dj dl dm
    dms dns docx doi dooh dpi dpo dtp ean ee ein elle emmy eod eps esg espn est eta eu ey faq
    faqs fedex fifa ftp ftse fyi gap gb gcp gdpr gif gmt gp gpt gpu gq gst h1 h2 hd hdmi hex hp
    hq hr hsbc html http https ibm id ide ifa ikea indd iot isbn iso issn it itv jpeg jpg kfc
    kpi kpis kpmg lcd led lego lg lgbtq lidl llc llm llp lse ltd mb mc mg mini mit ml mov mp3
    mp4 mpeg mvp nasa nasdaq nato natwest nb nbc ncs nda nfc ngo nhs nike nlp nspcc nyc nyu o2
    ocado odt ok ooh ooo otf ott pa pantone pc pdf pdfs plc pm pms png po poc pov ppc ppi ppt
    pptx pr primark prod ps psd pst pto pwc qa qr r&d ral ram rbs rfp rgb rnli roi rspca rsvp
    rtf saas sdk sem seo sftp shell sku skus sla sms sony sow ssd ssh ssl ssn svg tbc tbd tesco
    tiff tl;dr tldr tls ttf tv uat ucl uefa ugc ui uk ukri un unicef uniqlo upc ups url urls us
    usa usb usp utc utm ux vat vip vogue vp vr wav wcag wifi wip woff www xls xlsx xr ymca yoy
    ytd zara zip
    """
)

# English words a writer puts in capitals to raise their voice (with the function words below
# and VADER's own lexicon): a capitalised token that is none of these is taken for a name.
SHOUTED = words(
    """
    about absolutely acceptable after afternoon again against agree agreed all allowed already
    also always an and answer answers any anybody anymore anyone anything approval approve
    approved april are aren't as ask asked at attention august awful back bad banner banners be
    because been before being best better big blame both brief broken budget but by call calls
    can can't cannot cant carefully careless certainly change changed changes check clear
    clearly close color colors colour colours come complete completed completely confirmed
    contract copy correct cost costs could couldn't critical date dates day days deadline
    deadlines dear december definitely design designs did didn't didnt different difficult
    disagree disaster do does doesn't don't done dont down draft drafts due during each early
    easy eight eleven email emails end enough ensure entire entirely error errors essential even
    evening eventually ever every everybody everyone everything exact exactly expect expected
    fact fault february feedback few fifty file files final finally find finished first five fix
    fixed font fonts for found four friday from get give given go going gone good got great had
    hard has hasn't hate have haven't having he hello help her here hey hi high him his honestly
    horrible hours how however huge hundred i i'll i'm i've idiot if image images immediately
    important impossible in incorrect instantly instead into invoice is isn't isnt issue issues
    it's its january joke july june just keep kept know last late later launch layout lazy least
    leave left less let like link links listen literally logo long look looks love low made make
    mandatory many march may me mean means meant meeting mess message million minutes missing
    mistake mistakes monday months more morning most moved much must my necessary need needed
    needs never new next nine no nobody none nonsense not note nothing notice november now
    obviously october of off old on once one only or other our out over overdue own page pages
    paid pathetic pay payment photo photos please point pointless possible poster precisely
    price prices print priority problem problems promised proof proofs properly put question
    questions quick quote read ready real really received rejected reminder replies reply
    required response responsibility responsible revision revisions ridiculous right round
    rounds said same saturday say schedule see seen send sending sent september seriously seven
    short should shouldn't show showed sign signed simple simply since single site six size
    sizes sloppy so some somebody someone something soon sorry spelling start started still stop
    stupid such sunday sure take taken tell ten terrible text than thank thanks that that's the
    their them then there these they they're thing things think this those thousand three thrice
    thursday time times tiny to today told tomorrow tonight too took total totally tried truly
    try trying tuesday twelve twenty twice two typo unacceptable under understand unprofessional
    until up urgent urgently use useless version very wait waiting want wanted warning was
    wasn't way we we'll we're we've website wednesday week weekend weeks well went were weren't
    what when where which while who whole why will with within without won't wont word words
    work would wouldn't write written wrong wrote years yes yesterday yet you you'll you're
    you've your yours
    """
)

# English function words, for telling English from other languages.
ENGLISH = words(
    """
    about after again all also and any are as at attached be because been before being best but
    by can can't cheers could dear did does doing don't for from had has have hello here hi how
    i i'm if into it it's just kind know let more much my next not of on only or our over please
    regards sent should some still than thank thanks that the their them then there these they
    this those to today tomorrow under us very we we'll we're week were what when where which
    while who why will with won't would yet you you'll you're your
    """
)

# Function words (and a few greetings) of other languages clients write in; words shared with
# English ("a", "in", "me", "no", "die", "so") are left out.
OTHER_LANGUAGES: dict[str, frozenset[str]] = {
    "fr": words(
        """
        au aussi aux avec avons bien bonjour bonne ce cette ci-joint cordialement dans demain
        des du elle enverrons envoyer est et il je jeudi journée la le les lundi madame mais
        maquettes mardi merci mercredi monsieur nous nouveau nouvelles pas pour que qui retour
        salut sera sont sur très une vendredi vos votre vous être
        """
    ),
    "de": words(
        """
        anhang antwort auch auf bis bitte dank danke das dateien dem den der dringend ein eine
        einen frau freitag freundlichen für gruß grüße haben hallo herr ich ihnen ist liebe
        lieber mit montag morgen nicht noch schnelle schon senden sie sind und uns viele vielen
        werden wir wird zu
        """
    ),
    "es": words(
        """
        al comentarios con del el enviamos es estimada estimado está están gracias hola las lo
        los lunes mandamos mañana muy nosotros nueva para pero por que saludos su sus también te
        una usted versión y
        """
    ),
    "it": words(
        """
        alla anche bozze buongiorno che ciao con cordiali del della delle di domani gentile gli
        grazie il invio mando mi mille non per saluti sono ti una
        """
    ),
    "nl": words(
        """
        bedankt dank de een en graag groet groeten het hoi ik je jullie met morgen niet nieuwe
        op reactie sturen uw van versie voor wij
        """
    ),
    "pt": words(
        """
        amanhã arquivos atenciosamente com e enviamos não nós o obrigada obrigado olá os para
        pela pelo que retorno seu sua uma você vocês é
        """
    ),
}
