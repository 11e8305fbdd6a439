//! The offline provider, the default when no model is configured: deterministic, no network.
//! Retrieval picks an asset of `rag_data/assets` whose subject the request names, and fills
//! the named parameters of its `build(...)` (listed in its `# params:` header) from the
//! request: colours by name, materials (wood, metal, glass, gold), counts and sizes. When no
//! asset fits it says so, never a random asset.

use std::sync::OnceLock;

use super::words::{Word, number, tokenize};

/// A parameter value as it appears in a `# params:` header.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Float(f64),
    Int(i64),
    Bool(bool),
    Tuple(Vec<f64>),
}

fn float_literal(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0');
    if s.ends_with('.') { format!("{s}0") } else { s.to_string() }
}

impl Value {
    fn parse(text: &str) -> Option<Value> {
        let t = text.trim();
        match t {
            "True" => return Some(Value::Bool(true)),
            "False" => return Some(Value::Bool(false)),
            _ => {}
        }
        if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            let parts: Option<Vec<f64>> = inner.split(',').map(|p| p.trim().parse::<f64>().ok()).collect();
            return parts.map(Value::Tuple);
        }
        if !t.contains('.')
            && let Ok(i) = t.parse::<i64>()
        {
            return Some(Value::Int(i));
        }
        t.parse::<f64>().ok().map(Value::Float)
    }

    /// The Python literal.
    pub fn python(&self) -> String {
        match self {
            Value::Float(f) => float_literal(*f),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Value::Tuple(t) => format!("({})", t.iter().map(|v| float_literal(*v)).collect::<Vec<_>>().join(", ")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub default: Value,
}

impl Param {
    fn is_color(&self) -> bool {
        matches!(&self.default, Value::Tuple(t) if t.len() == 4)
    }
}

#[derive(Debug)]
pub struct Asset {
    /// `rag_data/assets/chair.py`
    pub path: &'static str,
    /// `chair`
    pub stem: &'static str,
    pub title: String,
    pub code: &'static str,
    pub params: Vec<Param>,
}

/// Split `a=1, b=(1, 2), c=True` at the commas outside brackets.
fn parse_params(line: &str) -> Vec<Param> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    let mut push = |piece: &str| {
        if let Some((name, value)) = piece.split_once('=')
            && let Some(default) = Value::parse(value)
        {
            out.push(Param { name: name.trim().to_string(), default });
        }
    };
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                push(line.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    push(line.get(start..).unwrap_or(""));
    out
}

/// The asset library as built into the binary.
pub fn catalog() -> &'static [Asset] {
    static CATALOG: OnceLock<Vec<Asset>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        crate::EMBEDDED_EXAMPLES
            .iter()
            .filter_map(|(path, code)| {
                let stem = path.strip_prefix("rag_data/assets/")?.strip_suffix(".py")?;
                let header = |key: &str| {
                    code.lines()
                        .take_while(|l| l.starts_with('#'))
                        .find_map(|l| l.strip_prefix(key))
                        .map(|v| v.trim().to_string())
                };
                Some(Asset {
                    path,
                    stem,
                    title: header("# title:").unwrap_or_else(|| stem.replace('_', " ")),
                    code,
                    params: parse_params(&header("# params:").unwrap_or_default()),
                })
            })
            .collect()
    })
}

/// What the request must name for each asset. Strong phrases decide; weak ones only count
/// when no strong phrase of any asset is there (`a glass` is a wine glass, `a red glass
/// bottle` a bottle).
const SUBJECTS: &[(&str, &[&str], &[&str])] = &[
    ("axe", &["axe", "ax", "hatchet"], &[]),
    ("barrel", &["barrel", "cask", "keg"], &[]),
    ("bicycle_wheel", &["bicycle wheel", "bike wheel", "wheel", "cycle wheel"], &[]),
    ("bird", &["bird", "sparrow", "robin", "finch", "songbird", "birdie"], &[]),
    ("bonsai_tree", &["bonsai", "bonsai tree"], &[]),
    ("bookshelf", &["bookshelf", "bookcase", "book shelf", "shelf", "shelving"], &[]),
    ("bottle", &["bottle", "flask"], &[]),
    ("bowl", &["bowl", "fruit bowl"], &[]),
    ("cactus", &["cactus", "cacti", "saguaro", "succulent"], &[]),
    ("candle", &["candle", "taper"], &[]),
    ("car", &["car", "automobile", "sedan", "hatchback"], &[]),
    ("chair", &["chair", "dining chair", "kitchen chair"], &["seat"]),
    ("desk_lamp", &["desk lamp", "lamp", "reading lamp", "table lamp", "task lamp"], &[]),
    ("fish", &["fish", "goldfish", "trout", "carp"], &[]),
    ("hammer", &["hammer", "mallet"], &[]),
    ("house", &["house", "cottage", "hut", "cabin", "bungalow"], &[]),
    ("lantern", &["lantern", "chinese lantern", "paper lantern"], &[]),
    ("mug", &["mug", "cup", "coffee cup", "teacup", "tea cup"], &[]),
    ("mushroom", &["mushroom", "toadstool", "fungus", "fungi"], &[]),
    ("park_bench", &["bench", "park bench", "garden bench"], &[]),
    ("picket_fence", &["fence", "picket fence", "fencing"], &[]),
    ("pine_tree", &["pine tree", "tree", "fir", "fir tree", "conifer", "spruce", "christmas tree"], &["pine"]),
    ("potted_plant", &["potted plant", "plant", "houseplant", "house plant", "pot plant"], &[]),
    ("rock", &["rock", "boulder", "stone"], &[]),
    ("rocket", &["rocket", "spaceship", "space ship", "spacecraft"], &[]),
    ("skateboard", &["skateboard", "skate board"], &[]),
    ("snail", &["snail"], &[]),
    ("stool", &["stool", "bar stool", "barstool"], &[]),
    ("sword", &["sword", "longsword", "broadsword", "sabre", "saber"], &[]),
    ("table", &["table", "dining table", "kitchen table"], &[]),
    ("traffic_cone", &["traffic cone", "cone", "pylon"], &[]),
    ("vase", &["vase", "urn"], &[]),
    ("wine_glass", &["wine glass", "goblet", "glass of wine", "wineglass"], &[]),
];

/// Does `phrase` (words) start at word `i`?
fn phrase_at(words: &[Word], i: usize, phrase: &str) -> bool {
    let mut n = 0;
    for (k, p) in phrase.split(' ').enumerate() {
        match words.get(i + k) {
            Some(w) if w.stem == p || w.raw == p => n += 1,
            _ => return false,
        }
    }
    n > 0
}

/// Words before a subject that make it another thing (`an apple tree` is no pine tree).
const OTHER_KINDS: &[(&str, &[&str])] = &[
    (
        "tree",
        &["apple", "palm", "oak", "cherry", "willow", "birch", "maple", "banana", "lemon", "olive", "family", "orange"],
    ),
    ("chair", &["wheel", "electric", "high", "deck", "swivel"]),
    ("car", &["cable", "rail", "train", "race"]),
    ("lamp", &["street", "lava", "oil"]),
    ("house", &["light", "green", "glass", "dog", "bird", "ware", "opera"]),
    ("fish", &["cat", "star", "jelly"]),
    ("table", &["periodic", "time"]),
    ("rock", &["moon"]),
    ("cup", &["world", "trophy"]),
    ("wheel", &["steering", "ferris", "water", "spinning"]),
    ("shelf", &["ice", "continental"]),
    ("cone", &["ice", "cream", "pine"]),
];

/// Where a phrase matches: (position, length in words).
fn find_phrase(words: &[Word], phrase: &str) -> Option<(usize, usize)> {
    let len = phrase.split(' ').count();
    let head = phrase.rsplit(' ').next().unwrap_or(phrase);
    (0..words.len())
        .filter(|&i| phrase_at(words, i, phrase))
        .find(|&i| {
            // A qualifier before a one-word subject that makes it something else.
            let before = i.checked_sub(1).and_then(|b| words.get(b)).map(|w| w.raw.as_str());
            !(len == 1 && before.is_some_and(|b| OTHER_KINDS.iter().any(|(n, quals)| *n == head && quals.contains(&b))))
        })
        .map(|i| (i, len))
}

/// The asset the request asks for and the phrase that named it.
pub fn choose(request: &str) -> Option<(&'static Asset, String)> {
    let words = tokenize(request);
    // Every match: (strong, position, length, asset, phrase).
    let mut found: Vec<(bool, usize, usize, &str, &str)> = Vec::new();
    for (stem, strong, weak) in SUBJECTS {
        for (is_strong, phrases) in [(true, *strong), (false, *weak)] {
            for p in phrases.iter() {
                if let Some((pos, len)) = find_phrase(&words, p) {
                    found.push((is_strong, pos, len, stem, p));
                }
            }
        }
    }
    // Strong before weak, earliest first, longer on a tie.
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    let mut best = *found.first()?;
    // A compound names its last noun (`a tree house` is a house).
    while let Some(next) = found.iter().find(|f| f.0 == best.0 && f.1 == best.1 + best.2) {
        best = *next;
    }
    let (_, _, _, stem, phrase) = best;
    catalog().iter().find(|a| a.stem == stem).map(|a| (a, phrase.to_string()))
}

/// What the library holds, for the message when nothing fits.
pub fn menu() -> String {
    catalog().iter().map(|a| a.stem.replace('_', " ")).collect::<Vec<_>>().join(", ")
}

pub fn no_fit_message(request: &str) -> String {
    let shown: String = request.chars().take(80).collect();
    let shown = shown.replace('\n', " ");
    format!(
        "The offline provider cannot make \"{shown}\": no asset in its library fits the request, and it does not \
         invent one.\nIt can make: {}.\nFor anything else configure a model provider, for example:\n  \
         bpy-lsp generate \"...\" --provider openai --model gpt-4o          (key in OPENAI_API_KEY)\n  \
         bpy-lsp generate \"...\" --provider anthropic --model claude-sonnet-4-5   (key in ANTHROPIC_API_KEY)\n  \
         bpy-lsp generate \"...\" --provider openai --base-url http://localhost:11434/v1 --model qwen2.5-coder   (Ollama, no key)\n\
         or set them once in bpy-lsp.toml under [agent] (provider, model, base_url, api_key_env).",
        menu()
    )
}

/// One parameter set from the request, and the words that set it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub name: String,
    pub value: Value,
    pub why: String,
}

/// Linear RGB of colour names.
const COLOURS: &[(&str, [f64; 3])] = &[
    ("red", [0.8, 0.03, 0.03]),
    ("crimson", [0.6, 0.01, 0.04]),
    ("scarlet", [0.85, 0.05, 0.02]),
    ("maroon", [0.3, 0.01, 0.02]),
    ("orange", [0.9, 0.3, 0.02]),
    ("yellow", [0.9, 0.75, 0.03]),
    ("green", [0.05, 0.5, 0.08]),
    ("lime", [0.35, 0.8, 0.05]),
    ("olive", [0.25, 0.3, 0.04]),
    ("teal", [0.02, 0.4, 0.38]),
    ("turquoise", [0.05, 0.65, 0.6]),
    ("cyan", [0.03, 0.6, 0.75]),
    ("blue", [0.03, 0.12, 0.8]),
    ("navy", [0.01, 0.03, 0.3]),
    ("purple", [0.35, 0.04, 0.6]),
    ("violet", [0.45, 0.1, 0.8]),
    ("magenta", [0.8, 0.03, 0.55]),
    ("pink", [0.9, 0.35, 0.5]),
    ("brown", [0.3, 0.14, 0.05]),
    ("beige", [0.75, 0.62, 0.45]),
    ("cream", [0.9, 0.85, 0.7]),
    ("white", [0.9, 0.9, 0.9]),
    ("black", [0.02, 0.02, 0.02]),
    ("grey", [0.35, 0.35, 0.35]),
    ("gray", [0.35, 0.35, 0.35]),
];

/// Materials by name: their colour and the parameter names they belong to first.
const MATERIALS: &[(&str, [f64; 3], &[&str])] = &[
    ("wood", [0.45, 0.26, 0.12], &["wood"]),
    ("wooden", [0.45, 0.26, 0.12], &["wood"]),
    ("oak", [0.55, 0.36, 0.17], &["wood"]),
    ("walnut", [0.22, 0.12, 0.06], &["wood"]),
    ("mahogany", [0.3, 0.08, 0.04], &["wood"]),
    ("cherry", [0.45, 0.12, 0.06], &["wood"]),
    ("birch", [0.8, 0.68, 0.5], &["wood"]),
    ("metal", [0.6, 0.6, 0.62], &["metal", "steel", "iron"]),
    ("metallic", [0.6, 0.6, 0.62], &["metal", "steel", "iron"]),
    ("steel", [0.6, 0.6, 0.62], &["steel", "metal", "iron"]),
    ("iron", [0.1, 0.1, 0.1], &["iron", "metal", "steel"]),
    ("chrome", [0.8, 0.8, 0.82], &["metal", "steel", "iron"]),
    ("silver", [0.8, 0.8, 0.82], &["metal", "steel", "iron"]),
    ("aluminium", [0.7, 0.7, 0.72], &["metal", "steel", "iron"]),
    ("aluminum", [0.7, 0.7, 0.72], &["metal", "steel", "iron"]),
    ("gold", [0.85, 0.6, 0.12], &["gold", "metal", "steel", "iron"]),
    ("golden", [0.85, 0.6, 0.12], &["gold", "metal", "steel", "iron"]),
    ("brass", [0.75, 0.55, 0.2], &["gold", "metal", "steel", "iron"]),
    ("bronze", [0.55, 0.32, 0.12], &["gold", "metal", "steel", "iron"]),
    ("copper", [0.75, 0.3, 0.12], &["metal", "steel", "iron"]),
    ("glass", [0.1, 0.4, 0.15], &["glass"]),
];

/// Nouns that name a part, mapped to the word in a colour parameter's name.
const PART_WORDS: &[(&str, &str)] = &[
    ("leg", "wood"),
    ("frame", "metal"),
    ("trim", "gold"),
    ("handle", "wood"),
    ("shaft", "wood"),
    ("grip", "grip"),
    ("hilt", "grip"),
    ("leaf", "leaf"),
    ("foliage", "leaf"),
    ("needle", "leaf"),
    ("planter", "pot"),
    ("bark", "bark"),
    ("wall", "wall"),
    ("shade", "color"),
    ("pad", "cushion"),
    ("tire", "tyre"),
    ("rim", "metal"),
    ("spoke", "metal"),
    ("hoop", "metal"),
    ("band", "metal"),
    ("wheel", "wheel"),
    ("feather", "body"),
    ("plumage", "body"),
    ("flame", "flame"),
    ("glow", "glow"),
    ("light", "glow"),
    ("guard", "gold"),
    ("pommel", "gold"),
    ("wax", "wax"),
    ("liquid", "coffee"),
    ("drink", "coffee"),
    ("tea", "coffee"),
];

fn colour_of(words: &[Word], i: usize) -> Option<([f64; 3], &'static [&'static str], String)> {
    let w = words.get(i)?;
    let (mut rgb, prefer) = if let Some((_, c)) = COLOURS.iter().find(|(n, _)| *n == w.raw) {
        (*c, &[][..])
    } else if let Some((_, c, p)) = MATERIALS.iter().find(|(n, _, _)| *n == w.raw) {
        (*c, *p)
    } else {
        return None;
    };
    let mut why = w.raw.clone();
    if let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)) {
        let (mix, scale) = match prev.raw.as_str() {
            "light" | "pale" | "pastel" => (0.5, 1.0),
            "dark" | "deep" => (0.0, 0.35),
            "bright" | "vivid" => (0.0, 1.1),
            _ => (0.0, 1.0),
        };
        if mix > 0.0 || scale != 1.0 {
            rgb = rgb.map(|c| ((c + (1.0 - c) * mix) * scale).clamp(0.0, 1.0));
            why = format!("{} {why}", prev.raw);
        }
    }
    Some((rgb, prefer, why))
}

fn is_connector(w: &Word) -> bool {
    w.stop || matches!(w.raw.as_str(), "and" | "with" | "or" | "on" | "in" | "of" | "but" | "without" | "by" | "under")
}

/// Words of the phrases that name an asset (`coffee` of `coffee cup`).
fn subject_word(stem: &str, w: &Word) -> bool {
    SUBJECTS
        .iter()
        .filter(|(s, _, _)| *s == stem)
        .flat_map(|(_, strong, weak)| strong.iter().chain(weak.iter()))
        .any(|p| p.split(' ').any(|x| x == w.stem || x == w.raw))
}

/// The colour parameter a noun after the colour names (`red roof` -> roof_color); the
/// subject itself (`blue coffee cup`) names no part.
fn part_param<'p>(stem: &str, params: &'p [Param], words: &[Word], i: usize) -> Option<&'p Param> {
    for w in words.iter().skip(i + 1).take(3) {
        if is_connector(w) || subject_word(stem, w) {
            return None;
        }
        let key = PART_WORDS.iter().find(|(n, _)| *n == w.stem).map_or(w.stem.as_str(), |(_, k)| k);
        if let Some(p) = params.iter().filter(|p| p.is_color()).find(|p| p.name.split('_').any(|part| part == key)) {
            return Some(p);
        }
    }
    None
}

fn set(fills: &mut Vec<Fill>, name: &str, value: Value, why: String) {
    fills.retain(|f| f.name != name);
    fills.push(Fill { name: name.to_string(), value, why });
}

fn default_of<'p>(params: &'p [Param], name: &str) -> Option<&'p Value> {
    params.iter().find(|p| p.name == name).map(|p| &p.default)
}

/// The parameters the request sets, in the order of `params`.
pub fn fill(asset: &Asset, request: &str) -> Vec<Fill> {
    let words = tokenize(request);
    let params = &asset.params;
    let mut fills: Vec<Fill> = Vec::new();
    colours(asset.stem, params, &words, &mut fills);
    counts(params, &words, &mut fills);
    sizes(params, &words, &mut fills);
    switches(params, &words, &mut fills);
    fills.sort_by_key(|f| params.iter().position(|p| p.name == f.name).unwrap_or(usize::MAX));
    fills
}

fn colours(stem: &str, params: &[Param], words: &[Word], fills: &mut Vec<Fill>) {
    let colour_params: Vec<&Param> = params.iter().filter(|p| p.is_color()).collect();
    let mut loose: Vec<([f64; 3], String)> = Vec::new();
    for i in 0..words.len() {
        let Some((rgb, prefer, why)) = colour_of(words, i) else { continue };
        let alpha = |name: &str| match default_of(params, name) {
            Some(Value::Tuple(t)) => t.get(3).copied().unwrap_or(1.0),
            _ => 1.0,
        };
        let rgba = |name: &str| Value::Tuple(vec![rgb[0], rgb[1], rgb[2], alpha(name)]);
        if let Some(p) = part_param(stem, params, words, i) {
            set(fills, &p.name, rgba(&p.name), format!("\"{why} {}\"", words.get(i + 1).map_or("", |w| &w.raw)));
            continue;
        }
        // A material names its own parameter first (`golden` -> gold_color); a wooden chair
        // is already wood.
        if let Some(p) =
            prefer.iter().find_map(|key| colour_params.iter().find(|p| p.name.split('_').any(|part| part == *key)))
        {
            let is_plain = matches!(
                words.get(i).map(|w| w.raw.as_str()),
                Some("wood" | "wooden" | "metal" | "metallic" | "steel" | "glass")
            );
            if !is_plain {
                set(fills, &p.name, rgba(&p.name), format!("\"{why}\""));
            }
            continue;
        }
        if words.get(i).is_some_and(|w| w.raw == "glass") {
            continue;
        }
        loose.push((rgb, why));
    }
    // Colours that name no part go to the colour parameters in order (`a red and white
    // mushroom`: cap red, stem white), skipping those already set.
    let taken: Vec<String> = fills.iter().map(|f| f.name.clone()).collect();
    let mut free = colour_params.iter().filter(|p| !taken.contains(&p.name));
    for (rgb, why) in loose {
        let Some(p) = free.next() else { break };
        let a = match &p.default {
            Value::Tuple(t) => t.get(3).copied().unwrap_or(1.0),
            _ => 1.0,
        };
        set(fills, &p.name, Value::Tuple(vec![rgb[0], rgb[1], rgb[2], a]), format!("\"{why}\""));
    }
}

/// Nouns counted by an integer parameter: the parameter's own words, and these.
const COUNT_WORDS: &[(&str, &str)] = &[
    ("plank", "stave"),
    ("board", "slat"),
    ("ring", "hoop"),
    ("band", "hoop"),
    ("dot", "spot"),
    ("apple", "fruit"),
    ("orange", "fruit"),
    ("pane", "side"),
    ("face", "side"),
    ("layer", "tier"),
    ("level", "tier"),
    ("stripe", "stripe"),
    ("coil", "turn"),
    ("foot", "leg"),
    ("window", "window"),
    ("shelve", "shelf"),
];

fn count_param<'p>(params: &'p [Param], noun: &str) -> Option<&'p Param> {
    let noun = COUNT_WORDS.iter().find(|(n, _)| *n == noun).map_or(noun, |(_, k)| k);
    params.iter().filter(|p| matches!(p.default, Value::Int(_)) && p.name != "seed").find(|p| {
        let base = p.name.trim_end_matches("_count").trim_end_matches("_per_side");
        super::words::singular(base) == noun || base == noun
    })
}

fn counts(params: &[Param], words: &[Word], fills: &mut Vec<Fill>) {
    for i in 0..words.len() {
        let Some(w) = words.get(i) else { continue };
        // `hexagonal` and friends: the number of sides.
        let shape = match w.raw.as_str() {
            "triangular" => Some(3),
            "square" => Some(4),
            "pentagonal" => Some(5),
            "hexagonal" => Some(6),
            "octagonal" => Some(8),
            _ => None,
        };
        if let Some(n) = shape
            && let Some(p) = count_param(params, "side")
        {
            set(fills, &p.name, Value::Int(n), format!("\"{}\"", w.raw));
            continue;
        }
        let Some(n) = number(&w.raw) else { continue };
        for (k, next) in words.iter().enumerate().skip(i + 1).take(3) {
            if is_connector(next) || number(&next.raw).is_some() {
                break;
            }
            if let Some(p) = count_param(params, &next.stem) {
                let lo = if p.name == "sides" { 3 } else { 1 };
                let v = (n.round() as i64).clamp(lo, 64);
                let said: Vec<&str> = words.iter().skip(i).take(k - i + 1).map(|w| w.raw.as_str()).collect();
                set(fills, &p.name, Value::Int(v), format!("\"{}\"", said.join(" ")));
                break;
            }
            if let Some(p) = params.iter().find(|p| p.name == next.stem && matches!(p.default, Value::Float(_))) {
                // `2.5 turns`
                set(fills, &p.name, Value::Float(n.clamp(0.1, 50.0)), format!("\"{} {}\"", w.raw, next.raw));
                break;
            }
        }
    }
}

fn dims<'p>(params: &'p [Param], key: &str) -> Vec<&'p Param> {
    params
        .iter()
        .filter(|p| matches!(p.default, Value::Float(_)))
        .filter(|p| p.name.split('_').any(|part| part == key))
        .collect()
}

fn scaled(p: &Param, fills: &[Fill], factor: f64) -> Value {
    let base = match fills.iter().find(|f| f.name == p.name).map(|f| &f.value).unwrap_or(&p.default) {
        Value::Float(f) => *f,
        _ => 1.0,
    };
    Value::Float((base * factor * 1000.0).round() / 1000.0)
}

fn sizes(params: &[Param], words: &[Word], fills: &mut Vec<Fill>) {
    // The main dimension of an asset: its height, else its length, else its size.
    let main = ["height", "length", "size", "radius"].iter().find_map(|k| dims(params, k).into_iter().next());
    for i in 0..words.len() {
        let Some(w) = words.get(i) else { continue };
        // `1.5 m tall`, `80 cm long`, `30 centimetres in diameter`
        if let Some(n) = number(&w.raw)
            && let Some(unit) = words.get(i + 1)
        {
            let scale = match unit.raw.as_str() {
                "m" | "metre" | "metres" | "meter" | "meters" => Some(1.0),
                "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => Some(0.01),
                "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => Some(0.001),
                _ => None,
            };
            if let Some(scale) = scale {
                let metres = (n * scale).clamp(0.001, 1000.0);
                let dim = words.iter().skip(i + 2).take(3).find_map(|d| match d.raw.as_str() {
                    "tall" | "high" | "height" => Some(("height", 1.0)),
                    "long" | "length" => Some(("length", 1.0)),
                    "wide" | "width" => Some(("width", 1.0)),
                    "diameter" | "across" => Some(("radius", 0.5)),
                    "radius" => Some(("radius", 1.0)),
                    _ => None,
                });
                let target = match dim {
                    Some((key, f)) => dims(params, key).into_iter().next().map(|p| (p, f)),
                    None => main.map(|p| (p, if p.name.contains("radius") { 0.5 } else { 1.0 })),
                };
                if let Some((p, f)) = target {
                    let said: Vec<&str> = words.iter().skip(i).take(3).map(|w| w.raw.as_str()).collect();
                    set(fills, &p.name, Value::Float(metres * f), format!("\"{}\"", said.join(" ")));
                }
                continue;
            }
        }
        let (keys, factor): (&[&str], f64) = match w.raw.as_str() {
            "tall" | "taller" | "towering" => (&["height"], 1.6),
            "short" | "shorter" | "low" | "squat" => (&["height"], 0.6),
            "long" | "longer" => (&["length"], 1.6),
            "wide" | "wider" | "broad" => (&["width", "radius"], 1.5),
            "narrow" | "slim" | "slender" | "thin" => (&["width", "radius"], 0.7),
            "fat" | "thick" | "chunky" | "chubby" => (&["radius", "thickness", "width"], 1.5),
            "big" | "large" | "huge" | "giant" | "enormous" => {
                (&["height", "length", "width", "radius", "size", "depth"], 1.6)
            }
            "small" | "tiny" | "little" | "mini" | "miniature" => {
                (&["height", "length", "width", "radius", "size", "depth"], 0.6)
            }
            _ => continue,
        };
        // `short legs` is about the legs, but the asset has no leg length: scale the asset.
        let mut seen = Vec::new();
        for key in keys {
            for p in dims(params, key) {
                if !seen.contains(&p.name) && !fills.iter().any(|f| f.name == p.name && f.why.contains(" m")) {
                    let v = scaled(p, fills, factor);
                    set(fills, &p.name, v, format!("\"{}\"", w.raw));
                    seen.push(p.name.clone());
                }
            }
        }
    }
}

fn switches(params: &[Param], words: &[Word], fills: &mut Vec<Fill>) {
    for i in 0..words.len() {
        let Some(w) = words.get(i) else { continue };
        let on = match w.raw.as_str() {
            "without" | "no" | "minus" | "sans" => false,
            "with" | "plus" | "including" => true,
            "empty" => {
                if let Some(p) = params.iter().find(|p| p.name == "coffee") {
                    set(fills, &p.name, Value::Bool(false), "\"empty\"".into());
                }
                continue;
            }
            _ => continue,
        };
        for next in words.iter().skip(i + 1).take(3) {
            if next.stop {
                break;
            }
            let key = PART_WORDS.iter().find(|(n, _)| *n == next.stem).map_or(next.stem.as_str(), |(_, k)| k);
            let key = if key == "drink" { "coffee" } else { key };
            if let Some(p) = params.iter().find(|p| matches!(p.default, Value::Bool(_)) && p.name == key) {
                set(fills, &p.name, Value::Bool(on), format!("\"{} {}\"", w.raw, next.raw));
                break;
            }
        }
    }
}

/// The asset's code with the request's parameters: a header that says where it came from
/// and the `build(...)` call in the `__main__` block with the filled keyword arguments.
pub fn compose(asset: &Asset, request: &str, fills: &[Fill]) -> String {
    let shown: String = request.chars().take(200).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = format!(
        "# Generated by bpy-lsp's offline provider for: \"{}\"\n# From the asset library: {} ({}).\n",
        shown.trim(),
        asset.path,
        asset.title
    );
    let call = if fills.is_empty() {
        "build()".to_string()
    } else {
        let mut c = String::from("build(\n");
        for f in fills {
            c.push_str(&format!("        {}={},  # {}\n", f.name, f.value.python(), f.why.replace('\n', " ")));
        }
        c.push_str("    )");
        c
    };
    let code = asset.code;
    let main = code.rfind("if __name__ == \"__main__\":");
    match main.and_then(|m| code.get(m..)?.find("build()").map(|b| m + b)) {
        Some(at) => {
            out.push_str(code.get(..at).unwrap_or(""));
            out.push_str(&call);
            out.push_str(code.get(at + "build()".len()..).unwrap_or(""));
        }
        None => {
            out.push_str(code);
            out.push_str(&format!("\n\n{call}\n"));
        }
    }
    out
}

/// The asset that code generated by [`compose`] came from (its header says).
pub fn asset_of_code(code: &str) -> Option<&'static Asset> {
    let line = code.lines().take(5).find_map(|l| l.strip_prefix("# From the asset library: "))?;
    let path = line.split(' ').next()?;
    catalog().iter().find(|a| a.path == path)
}

/// The keyword arguments of the `build(...)` call that [`compose`] wrote.
pub fn fills_of_code(code: &str) -> Vec<Fill> {
    let Some(main) = code.rfind("if __name__ == \"__main__\":") else { return Vec::new() };
    let Some(rest) = code.get(main..) else { return Vec::new() };
    let mut out = Vec::new();
    for line in rest.lines().skip_while(|l| l.trim() != "build(").skip(1) {
        let l = line.trim();
        if l.starts_with(')') {
            break;
        }
        let (arg, why) = l.split_once("  # ").unwrap_or((l, ""));
        if let Some((name, value)) = arg.trim_end_matches(',').split_once('=')
            && let Some(value) = Value::parse(value)
        {
            out.push(Fill { name: name.trim().to_string(), value, why: why.to_string() });
        }
    }
    out
}

/// Merge a refinement's parameters into the previous ones (later wins).
pub fn merge(previous: &[Fill], new: &[Fill], asset: &Asset) -> Vec<Fill> {
    let mut out: Vec<Fill> = previous.to_vec();
    for f in new {
        set(&mut out, &f.name, f.value.clone(), f.why.clone());
    }
    out.sort_by_key(|f| asset.params.iter().position(|p| p.name == f.name).unwrap_or(usize::MAX));
    out
}

/// Fills back from the `(name, python literal)` pairs a session stored.
pub fn fills_from(pairs: &[(String, String)]) -> Vec<Fill> {
    pairs
        .iter()
        .filter_map(|(n, v)| {
            let (lit, why) = v.split_once("  # ").unwrap_or((v, ""));
            Some(Fill { name: n.clone(), value: Value::parse(lit)?, why: why.to_string() })
        })
        .collect()
}

pub fn fills_to(fills: &[Fill]) -> Vec<(String, String)> {
    fills.iter().map(|f| (f.name.clone(), format!("{}  # {}", f.value.python(), f.why))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(request: &str) -> Option<&'static str> {
        choose(request).map(|(a, _)| a.stem)
    }

    fn value(request: &str, name: &str) -> Option<String> {
        let (a, _) = choose(request)?;
        fill(a, request).into_iter().find(|f| f.name == name).map(|f| f.value.python())
    }

    #[test]
    fn every_asset_has_params_and_a_main_block() {
        assert!(catalog().len() >= 30);
        for a in catalog() {
            assert!(!a.params.is_empty(), "{}", a.path);
            assert!(compose(a, "x", &[]).contains("build()"), "{}", a.path);
        }
    }

    #[test]
    fn subjects() {
        assert_eq!(pick("a wooden chair with four legs"), Some("chair"));
        assert_eq!(pick("a red glass bottle"), Some("bottle"));
        assert_eq!(pick("a glass of wine"), Some("wine_glass"));
        assert_eq!(pick("a human face with glasses"), None);
        assert_eq!(pick("an apple tree"), None);
        assert_eq!(pick("a tree house"), Some("house"));
        assert_eq!(pick("a car seat"), Some("car"));
        assert_eq!(pick("a bonsai tree"), Some("bonsai_tree"));
        assert_eq!(pick("a tall pine"), Some("pine_tree"));
        assert_eq!(pick("a table lamp"), Some("desk_lamp"));
        assert_eq!(pick("three benches"), Some("park_bench"));
        assert_eq!(pick("a dragon breathing fire"), None);
        assert_eq!(pick(""), None);
    }

    #[test]
    fn parameters_from_words() {
        assert_eq!(value("a blue chair", "wood_color").as_deref(), Some("(0.03, 0.12, 0.8, 1.0)"));
        assert_eq!(value("a chair with a green cushion", "cushion_color").as_deref(), Some("(0.05, 0.5, 0.08, 1.0)"));
        assert_eq!(value("a chair with five slats", "slat_count").as_deref(), Some("5"));
        assert_eq!(value("a chair without a cushion", "cushion").as_deref(), Some("False"));
        assert_eq!(value("a three-legged stool", "leg_count").as_deref(), Some("3"));
        assert_eq!(value("a hexagonal lantern", "sides").as_deref(), Some("6"));
        assert_eq!(value("a 3 m tall rocket", "height").as_deref(), Some("3.0"));
        assert_eq!(value("a tall cactus", "height").as_deref(), Some("0.96"));
        assert_eq!(value("a sword with a golden guard", "gold_color").as_deref(), Some("(0.85, 0.6, 0.12, 1.0)"));
        assert_eq!(value("a red and white mushroom", "stem_color").as_deref(), Some("(0.9, 0.9, 0.9, 1.0)"));
        assert_eq!(value("a house with a blue roof", "roof_color").as_deref(), Some("(0.03, 0.12, 0.8, 1.0)"));
        assert_eq!(value("a wooden chair", "wood_color"), None);
        assert_eq!(value("a blue coffee cup", "color").as_deref(), Some("(0.03, 0.12, 0.8, 1.0)"));
        assert_eq!(value("a blue coffee cup", "coffee_color"), None);
    }

    #[test]
    fn composed_code_calls_build_with_the_parameters() {
        let (a, _) = choose("a blue chair with 5 slats").expect("chair");
        let code = compose(a, "a blue chair with 5 slats", &fill(a, "a blue chair with 5 slats"));
        assert_eq!(asset_of_code(&code).map(|a| a.stem), Some("chair"));
        assert_eq!(fills_of_code(&code).len(), 2);
        assert!(code.contains("    build(\n        slat_count=5,  # \"5 slats\"\n        wood_color=(0.03, 0.12, 0.8, 1.0),  # \"blue\"\n    )"), "{code}");
    }
}
