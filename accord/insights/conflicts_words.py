"""The words reviewers use to ask for a change, for `conflicts.parse` (pure data, no Django).

A sense names an axis and a direction, "size+" (bigger) or "size-" (smaller). Words whose sense
depends on what they are said about map a category of element to a sense: "softer" music is
quieter, "softer" colours more muted, a "softer" tone more casual. Categories: item (a logo, a
button), text (a headline: an item made of words), copy (prose and its tone), colour, audio,
video, space, and for what names no element, the version's medium: visual, copy or video.
"""

from typing import TypeAlias

SenseMap: TypeAlias = str | dict[str, str | None]


def set_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The axes, each with what its two directions ask for (in the summary's words).
AXES: dict[str, tuple[str, str]] = {
    "size": ("bigger", "smaller"),
    "warmth": ("warmer", "cooler"),
    "brightness": ("brighter", "darker"),
    "text": ("longer", "shorter"),
    "formality": ("more formal", "more casual"),
    "pace": ("faster", "slower"),
    "volume": ("louder", "quieter"),
    "saturation": ("bolder", "more muted"),
    "spacing": ("more space", "less space"),
    "presence": ("keep", "remove"),
    "vertical": ("up", "down"),
    "horizontal": ("right", "left"),
}

# Where to look for a word's sense, by the category of what it is said about; "default" last.
FALLBACK: dict[str, tuple[str, ...]] = {
    "item": ("item",),
    "text": ("text", "item"),
    "copy": ("copy",),
    "colour": ("colour",),
    "audio": ("audio",),
    "video": ("video",),
    "space": ("space",),
    "visual": ("visual",),
}

LONG: SenseMap = {"default": "text+", "video": "pace-"}
SHORT: SenseMap = {"default": "text-", "video": "pace+"}
WARM: SenseMap = {"default": "warmth+", "copy": "formality-"}
COOL: SenseMap = {"default": "warmth-", "copy": "formality+"}
LIGHT: SenseMap = {"default": "brightness+", "copy": "formality-"}
LOUD: SenseMap = {"default": "saturation+", "audio": "volume+"}
QUIET: SenseMap = {"default": "saturation-", "audio": "volume-"}
SOFT: SenseMap = {"default": "saturation-", "audio": "volume-", "copy": "formality-"}
PUNCHY: SenseMap = {"default": "saturation+", "copy": "text-", "video": "pace+"}
SUBTLE: SenseMap = {"default": "saturation-", "item": "size-"}
TIGHT: SenseMap = {"default": "spacing-", "video": "pace+", "copy": "text-"}
HIGH: SenseMap = {"default": "vertical+", "audio": "volume+"}
LOW: SenseMap = {"default": "vertical-", "audio": "volume-"}
POP: SenseMap = {"default": "size+", "colour": "saturation+", "visual": "saturation+"}
CUT: SenseMap = {"default": "text-", "item": "presence-", "colour": "presence-", "video": "pace+"}
OVERPOWERING: SenseMap = {"default": "size-", "audio": "volume-", "colour": "saturation-"}

# Comparatives and verbs that ask for a change by themselves: "bigger", "enlarge", "remove".
REQUESTS: dict[str, SenseMap] = {
    "bigger": "size+",
    "larger": "size+",
    "enlarge": "size+",
    "magnify": "size+",
    "emphasise": "size+",
    "emphasize": "size+",
    "smaller": "size-",
    "shrink": "size-",
    "downsize": "size-",
    "downplay": "size-",
    "warmer": WARM,
    "cooler": COOL,
    "colder": COOL,
    "brighter": "brightness+",
    "brighten": "brightness+",
    "lighter": LIGHT,
    "lighten": LIGHT,
    "darker": "brightness-",
    "darken": "brightness-",
    "dimmer": "brightness-",
    "moodier": "brightness-",
    "longer": LONG,
    "lengthen": LONG,
    "extend": LONG,
    "wordier": "text+",
    "shorter": SHORT,
    "shorten": SHORT,
    "briefer": "text-",
    "condense": {"default": "text-", "space": "spacing-"},
    "trim": {"default": "text-", "video": "pace+", "space": "spacing-"},
    "faster": "pace+",
    "quicker": "pace+",
    "snappier": {"default": "pace+", "copy": "text-"},
    "slower": "pace-",
    "drags": "pace+",
    "louder": LOUD,
    "quieter": QUIET,
    "softer": SOFT,
    "soften": SOFT,
    "bolder": "saturation+",
    "punchier": PUNCHY,
    "richer": "saturation+",
    "intensify": "saturation+",
    "saturate": "saturation+",
    "desaturate": "saturation-",
    "subtler": SUBTLE,
    "calmer": {"default": "saturation-", "video": "pace-"},
    "paler": "saturation-",
    "mute": QUIET,
    "pop": POP,
    "pops": POP,
    "tighter": TIGHT,
    "tighten": TIGHT,
    "denser": "spacing-",
    "busier": "spacing-",
    "looser": "spacing+",
    "loosen": "spacing+",
    "airier": "spacing+",
    "roomier": "spacing+",
    "friendlier": "formality-",
    "chattier": "formality-",
    "stiffer": "formality+",
    "higher": HIGH,
    "remove": "presence-",
    "delete": "presence-",
    "drop": "presence-",
    "lose": "presence-",
    "ditch": "presence-",
    "scrap": "presence-",
    "omit": "presence-",
    "hide": "presence-",
    "cut": CUT,
    "keep": "presence+",
    "retain": "presence+",
    "preserve": "presence+",
    "love": "presence+",
    "loved": "presence+",
    "loving": "presence+",
    "adore": "presence+",
}

# Adjectives in their plain form, for "more X", "less X", "too X" and "not X enough": the sense
# is what more of it would be ("too dark" asks the opposite, brighter).
BASES: dict[str, SenseMap] = {
    "big": "size+",
    "large": "size+",
    "small": "size-",
    "tiny": "size-",
    "prominent": "size+",
    "visible": "size+",
    "noticeable": "size+",
    "dominant": "size+",
    "subtle": SUBTLE,
    "understated": SUBTLE,
    "warm": WARM,
    "cool": COOL,
    "cold": COOL,
    "bright": "brightness+",
    "light": LIGHT,
    "dark": "brightness-",
    "dim": "brightness-",
    "moody": "brightness-",
    "gloomy": "brightness-",
    "long": LONG,
    "short": SHORT,
    "wordy": "text+",
    "detailed": "text+",
    "concise": "text-",
    "brief": "text-",
    "formal": "formality+",
    "professional": "formality+",
    "serious": "formality+",
    "corporate": "formality+",
    "stiff": "formality+",
    "casual": "formality-",
    "relaxed": "formality-",
    "friendly": "formality-",
    "conversational": "formality-",
    "playful": "formality-",
    "informal": "formality-",
    "chatty": "formality-",
    "jokey": "formality-",
    "fun": "formality-",
    "personal": "formality-",
    "fast": "pace+",
    "quick": "pace+",
    "snappy": {"default": "pace+", "copy": "text-"},
    "energetic": "pace+",
    "dynamic": "pace+",
    "slow": "pace-",
    "calm": {"default": "saturation-", "video": "pace-"},
    "loud": LOUD,
    "quiet": QUIET,
    "soft": SOFT,
    "audible": "volume+",
    "bold": "saturation+",
    "vibrant": "saturation+",
    "vivid": "saturation+",
    "saturated": "saturation+",
    "colourful": "saturation+",
    "colorful": "saturation+",
    "punchy": PUNCHY,
    "striking": "saturation+",
    "contrasty": "saturation+",
    "muted": "saturation-",
    "pastel": "saturation-",
    "tight": TIGHT,
    "dense": "spacing-",
    "busy": "spacing-",
    "cramped": "spacing-",
    "crowded": "spacing-",
    "cluttered": "spacing-",
    "compact": "spacing-",
    "loose": "spacing+",
    "airy": "spacing+",
    "spacious": "spacing+",
    "sparse": "spacing+",
    "high": HIGH,
    "low": LOW,
}

# Words that complain by themselves, when something frames them ("the logo is tiny", "feels
# cramped"): the sense is what they ask for.
COMPLAINTS: dict[str, SenseMap] = {
    "tiny": "size+",
    "minuscule": "size+",
    "microscopic": "size+",
    "illegible": "size+",
    "unreadable": "size+",
    "lost": {"default": "size+", "audio": "volume+"},
    "buried": {"default": "size+", "audio": "volume+"},
    "huge": "size-",
    "enormous": "size-",
    "massive": "size-",
    "giant": "size-",
    "overpowering": OVERPOWERING,
    "overwhelming": OVERPOWERING,
    "dominating": "size-",
    "cramped": "spacing+",
    "crowded": "spacing+",
    "cluttered": "spacing+",
    "busy": "spacing+",
    "tight": {"default": "spacing+", "video": None, "copy": None},
    "sparse": "spacing-",
    "dull": {"default": "saturation+", "copy": None},
    "drab": "saturation+",
    "garish": "saturation-",
    "gaudy": "saturation-",
    "harsh": {"default": "saturation-", "audio": "volume-"},
    "gloomy": "brightness+",
    "murky": "brightness+",
    "wordy": "text-",
    "verbose": "text-",
    "stiff": "formality-",
    "stuffy": "formality-",
    "corporate": "formality-",
    "clinical": {"default": "warmth+", "copy": "formality-"},
    "jokey": "formality+",
    "flippant": "formality+",
    "sluggish": "pace+",
    "draggy": "pace+",
    "rushed": "pace-",
    "frantic": "pace-",
    "faint": {"default": "saturation+", "audio": "volume+"},
    "inaudible": "volume+",
    "deafening": "volume-",
}

# What tells a complaint word it is said of something ("is", "feels", "a bit", "it's").
FRAMES = set_of(
    "is are was were be been being looks look looking feels feel feeling seems seem sounds "
    "sound reads appears appear gets get getting bit little rather quite very so really way "
    "pretty kinda somewhat slightly super overly extremely incredibly"
)

# Fixed phrases, matched before single words.
PHRASES: dict[tuple[str, ...], SenseMap] = {
    ("stand", "out"): POP,
    ("stands", "out"): POP,
    ("stand", "out", "less"): "size-",
    ("stand", "out", "too", "much"): "size-",
    ("stands", "out", "too", "much"): "size-",
    ("get", "rid", "of"): "presence-",
    ("no", "need", "for"): "presence-",
    ("not", "needed"): "presence-",
    ("don't", "need"): "presence-",
    ("do", "not", "need"): "presence-",
    ("dont", "need"): "presence-",
    ("hard", "to", "read"): "size+",
    ("hard", "to", "see"): "size+",
    ("hard", "to", "spot"): "size+",
    ("barely", "visible"): "size+",
    ("can't", "see"): "size+",
    ("cannot", "see"): "size+",
    ("can", "barely", "see"): "size+",
    ("hard", "to", "hear"): "volume+",
    ("can't", "hear"): "volume+",
    ("cannot", "hear"): "volume+",
    ("washed", "out"): "saturation+",
    ("in", "your", "face"): "size-",
    ("long", "winded"): "text-",
    ("let", "it", "breathe"): {"default": "spacing+", "video": "pace-"},
    ("as", "is"): "presence+",
    ("as", "it", "is"): "presence+",
    ("to", "the", "left"): "horizontal-",
    ("to", "the", "right"): "horizontal+",
    ("further", "left"): "horizontal-",
    ("further", "right"): "horizontal+",
    ("further", "up"): "vertical+",
    ("further", "down"): "vertical-",
    ("i", "like"): "presence+",
    ("we", "like"): "presence+",
    ("really", "like"): "presence+",
    ("happy", "with"): "presence+",
}
# Phrases that complain rather than ask: a negation cancels them ("it isn't hard to read").
COMPLAINT_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    {
        ("stand", "out", "too", "much"),
        ("stands", "out", "too", "much"),
        ("hard", "to", "read"),
        ("hard", "to", "see"),
        ("hard", "to", "spot"),
        ("barely", "visible"),
        ("can't", "see"),
        ("cannot", "see"),
        ("can", "barely", "see"),
        ("hard", "to", "hear"),
        ("can't", "hear"),
        ("cannot", "hear"),
        ("washed", "out"),
        ("in", "your", "face"),
        ("long", "winded"),
    }
)
# Phrases whose words ask nothing ("keep in mind"): matched first, so they hide their words.
INERT: frozenset[tuple[str, ...]] = frozenset(
    {("keep", "in", "mind"), ("keep", "an", "eye"), ("keep", "up"), ("drop", "shadow")}
)

TURN_UP: SenseMap = {"default": "saturation+", "audio": "volume+", "item": "size+"}
TURN_DOWN: SenseMap = {"default": "saturation-", "audio": "volume-", "item": "size-"}
TONE_DOWN: SenseMap = {
    "default": "size-",
    "colour": "saturation-",
    "visual": "saturation-",
    "audio": "volume-",
    "copy": None,
}
MOVERS = set_of(
    "move moved moving shift shifted nudge nudged push pushed bring slide slid place sit lift"
)
TURNERS = set_of("turn dial crank bump ramp pump jack kick")

# Verbs with a particle, a few words apart at most ("scale the logo up", "move it to the left").
PHRASALS: list[tuple[frozenset[str], tuple[str, ...], SenseMap]] = [
    (frozenset({"scale", "blow", "size", "play"}), ("up",), "size+"),
    (frozenset({"scale", "size", "play"}), ("down",), "size-"),
    (frozenset({"tone"}), ("down",), TONE_DOWN),
    (TURNERS, ("up",), TURN_UP),
    (TURNERS, ("down", "back"), TURN_DOWN),
    (frozenset({"speed"}), ("up",), "pace+"),
    (frozenset({"slow"}), ("down",), "pace-"),
    (
        frozenset({"cut", "trim", "pare", "slim", "whittle", "boil"}),
        ("down", "back"),
        {"default": "text-", "video": "pace+", "space": "spacing-"},
    ),
    (frozenset({"flesh", "fill", "pad"}), ("out",), "text+"),
    (frozenset({"beef", "bulk"}), ("up", "out"), {"default": "text+", "item": "size+"}),
    (frozenset({"spread", "space", "open"}), ("out", "up"), "spacing+"),
    (frozenset({"squeeze", "squash", "bunch"}), ("together", "in", "up"), "spacing-"),
    (frozenset({"take", "leave", "cut", "strip", "edit"}), ("out",), "presence-"),
    (frozenset({"warm"}), ("up",), WARM),
    (frozenset({"cool"}), ("down", "off"), COOL),
    (frozenset({"calm"}), ("down",), {"default": "saturation-", "video": "pace-"}),
    (frozenset({"brighten"}), ("up",), "brightness+"),
    (frozenset({"lighten"}), ("up",), LIGHT),
    (
        frozenset({"liven", "jazz", "punch", "spice", "perk"}),
        ("up",),
        {"default": "saturation+", "copy": "formality-"},
    ),
    (MOVERS, ("up", "upwards", "upward", "higher", "top"), "vertical+"),
    (MOVERS, ("down", "downwards", "downward", "lower", "bottom"), "vertical-"),
    (MOVERS, ("left",), "horizontal-"),
    (MOVERS, ("right",), "horizontal+"),
    (frozenset({"drop"}), ("down", "lower"), "vertical-"),
]

# Words that scale what follows ("more space", "reduce the contrast", "not enough room"): the
# sign of the change, and the sense when no attribute follows.
SCALE_UP: SenseMap = {
    "default": "size+",
    "copy": "text+",
    "audio": "volume+",
    "space": "spacing+",
    "video": None,
}
SCALE_DOWN: SenseMap = {
    "default": "size-",
    "copy": "text-",
    "audio": "volume-",
    "space": "spacing-",
    "video": None,
}
SCALERS: dict[tuple[str, ...], tuple[int, SenseMap | None]] = {
    ("more",): (1, None),
    ("less",): (-1, None),
    ("fewer",): (-1, None),
    ("extra",): (1, None),
    ("increase",): (1, SCALE_UP),
    ("boost",): (1, SCALE_UP),
    ("maximise",): (1, SCALE_UP),
    ("maximize",): (1, SCALE_UP),
    ("decrease",): (-1, SCALE_DOWN),
    ("reduce",): (-1, SCALE_DOWN),
    ("lessen",): (-1, SCALE_DOWN),
    ("minimise",): (-1, SCALE_DOWN),
    ("minimize",): (-1, SCALE_DOWN),
    ("raise",): (1, HIGH),
    ("lower",): (-1, LOW),
    ("add",): (1, "presence+"),
    ("too", "much"): (-1, None),
    ("too", "many"): (-1, None),
    ("too", "little"): (1, None),
    ("not", "enough"): (1, None),
    ("cut", "back", "on"): (-1, None),
    ("cut", "down", "on"): (-1, None),
}

# What a scaler can scale: "more space" is spacing+, "less contrast" saturation-.
ATTRIBUTES: dict[tuple[str, ...], SenseMap] = {
    ("size",): "size+",
    ("scale",): "size+",
    ("emphasis",): "size+",
    ("prominence",): "size+",
    ("contrast",): "saturation+",
    ("saturation",): "saturation+",
    ("colour",): "saturation+",
    ("color",): "saturation+",
    ("vibrancy",): "saturation+",
    ("punch",): "saturation+",
    ("brightness",): "brightness+",
    ("light",): "brightness+",
    ("warmth",): "warmth+",
    ("volume",): "volume+",
    ("speed",): "pace+",
    ("pace",): "pace+",
    ("tempo",): "pace+",
    ("energy",): "pace+",
    ("text",): "text+",
    ("copy",): "text+",
    ("words",): "text+",
    ("detail",): "text+",
    ("details",): "text+",
    ("info",): "text+",
    ("information",): "text+",
    ("content",): "text+",
    ("explanation",): "text+",
    ("length",): LONG,
    ("word", "count"): "text+",
    ("space",): "spacing+",
    ("room",): "spacing+",
    ("white", "space"): "spacing+",
    ("whitespace",): "spacing+",
    ("breathing", "room"): "spacing+",
    ("breathing", "space"): "spacing+",
    ("padding",): "spacing+",
    ("margin",): "spacing+",
    ("margins",): "spacing+",
    ("spacing",): "spacing+",
    ("gap",): "spacing+",
    ("gaps",): "spacing+",
    ("leading",): "spacing+",
    ("line", "spacing"): "spacing+",
    ("air",): "spacing+",
    ("formality",): "formality+",
}

# What reviewers name, and what each is: (canonical name, category, grammar), the grammar being
# "count" (a logo / one), "plural" (colours / ones) or "mass" (music). A category of None takes
# the version's medium (an intro is the video's in a video, the copy's in an email).
ELEMENTS: dict[str, tuple[str | None, str, tuple[str, ...]]] = {
    "logo": (
        "item",
        "count",
        ("logo", "logotype", "wordmark", "brand mark", "brandmark", "lockup"),
    ),
    "headline": ("text", "count", ("headline", "heading", "head line")),
    "subheading": ("text", "count", ("subheading", "subhead", "sub heading", "subheadline")),
    "title": ("text", "count", ("title",)),
    "tagline": ("text", "count", ("tagline", "strapline", "slogan", "strap line", "endline")),
    "caption": ("text", "count", ("caption",)),
    "subject line": ("text", "count", ("subject line",)),
    "small print": (
        "text",
        "mass",
        ("small print", "fine print", "legal copy", "legal text", "legal line", "disclaimer"),
    ),
    "body copy": ("copy", "mass", ("body copy", "body text", "body")),
    "copy": ("copy", "mass", ("copy", "text", "wording")),
    "tone": ("copy", "count", ("tone", "tone of voice", "language")),
    "script": ("copy", "count", ("script",)),
    "paragraph": ("copy", "count", ("paragraph", "para", "sentence")),
    "price": ("item", "count", ("price",)),
    "CTA": ("item", "count", ("cta", "call to action", "cta button", "calls to action")),
    "button": ("item", "count", ("button",)),
    "photo": ("item", "count", ("photo", "photograph", "picture", "pic", "photography")),
    "image": ("item", "count", ("image",)),
    "hero image": ("item", "count", ("hero", "hero image", "hero shot", "key visual")),
    "product shot": (
        "item",
        "count",
        ("product shot", "packshot", "pack shot", "product photo", "product image"),
    ),
    "illustration": ("item", "count", ("illustration", "graphic", "drawing")),
    "icon": ("item", "count", ("icon",)),
    "badge": ("item", "count", ("badge", "sticker", "roundel")),
    "border": ("item", "count", ("border", "frame", "outline")),
    "QR code": ("item", "count", ("qr code", "qr")),
    "chart": ("item", "count", ("chart", "graph", "table")),
    "header": ("item", "count", ("header",)),
    "footer": ("item", "count", ("footer",)),
    "background": ("colour", "count", ("background", "backdrop", "bg")),
    "colours": (
        "colour",
        "plural",
        (
            "colours",
            "colors",
            "colour",
            "color",
            "palette",
            "colour palette",
            "color palette",
            "colour scheme",
            "color scheme",
            "hues",
        ),
    ),
    "type": ("text", "mass", ("type", "typeface", "font", "typography", "lettering")),
    "layout": ("space", "count", ("layout", "composition", "grid")),
    "music": ("audio", "mass", ("music", "soundtrack", "track", "jingle", "song")),
    "voiceover": ("audio", "mass", ("voiceover", "voice over", "vo", "narration", "narrator")),
    "sound": ("audio", "mass", ("sound", "audio", "sound effects", "sfx")),
    "transitions": ("video", "plural", ("transition",)),
    "scene": ("video", "count", ("scene",)),
    "intro": (None, "count", ("intro", "introduction", "opening")),
    "ending": (None, "count", ("ending", "outro", "end card", "end frame", "end slate")),
}
# Words for the whole piece ("overall", "the design"): asks about it meet asks about nothing.
WHOLE: frozenset[tuple[str, ...]] = frozenset(
    {
        ("overall",),
        ("everything",),
        ("whole", "thing"),
        ("design",),
        ("artwork",),
        ("piece",),
        ("post",),
        ("ad",),
        ("advert",),
        ("poster",),
        ("video",),
        ("film",),
        ("email",),
    }
)
# Words that single out one of several ("the second photo", "the top headline").
QUALIFIERS = set_of("first second third fourth fifth last final top bottom left right 1st 2nd 3rd")
NEGATORS = set_of(
    "not no never nothing nor neither cannot dont doesnt didnt isnt arent shouldnt wouldnt "
    "cant mustnt wasnt avoid instead"
)
PRONOUNS = set_of("it its it's them they this that these those")
# Where a clause ends, for negation: "don't change the colours, but make the logo bigger".
CLAUSE_WORDS = set_of("but so because though although however whereas while than")
