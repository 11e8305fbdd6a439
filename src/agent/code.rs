//! The coder's side of the conversation: the prompts of each role (planner, coder,
//! debugger, critic, refinement) and reading code and plans out of the answers.

use super::gate::Finding;
use super::retrieve::Snippet;
use super::run::Failure;

/// Why an answer is no use, in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    NoCode,
    Truncated,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::NoCode => {
                write!(f, "the model's answer has no Python code (no ```python block and no bpy code)")
            }
            AnswerError::Truncated => {
                write!(f, "the model's answer was cut off (it hit the token limit) before the code ended")
            }
        }
    }
}

/// The code of an answer: the longest fenced block (```python or ```), else the whole
/// answer when it reads as a bpy script. A fence opened and never closed is a cut-off answer.
pub fn extract_code(answer: &str) -> Result<String, AnswerError> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in answer.lines() {
        let t = line.trim_start();
        match current.as_mut() {
            None if t.starts_with("```") => current = Some(Vec::new()),
            None => {}
            Some(_) if t.starts_with("```") => {
                if let Some(b) = current.take() {
                    blocks.push(b.join("\n") + "\n");
                }
            }
            Some(b) => b.push(line),
        }
    }
    if let Some(open) = current
        && blocks.is_empty()
    {
        let _ = open;
        return Err(AnswerError::Truncated);
    }
    if let Some(best) = blocks.into_iter().filter(|b| !b.trim().is_empty()).max_by_key(|b| b.len()) {
        return Ok(best);
    }
    let t = answer.trim();
    if t.contains("import bpy") {
        return Ok(t.to_string() + "\n");
    }
    Err(AnswerError::NoCode)
}

/// The parts of a plan: its `- ` / `1. ` lines, without the markers.
pub fn plan_parts(plan: &str) -> Vec<String> {
    plan.lines()
        .map(str::trim)
        .filter_map(|l| {
            let rest = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).or_else(|| {
                let digits = l.find(|c: char| !c.is_ascii_digit())?;
                (digits > 0).then(|| l.get(digits..)).flatten()?.strip_prefix(". ")
            })?;
            let rest = rest.trim();
            (!rest.is_empty()).then(|| rest.chars().take(200).collect())
        })
        .take(12)
        .collect()
}

pub fn planner_system() -> String {
    "You plan 3D assets for Blender. Answer with a short plan of the parts of the requested asset as a list, \
     one line per part, each `- <part>: <geometry>, <material and colour>, <where it sits relative to the others>`. \
     Then one line `Arrangement: ...` saying how the parts fit together (sizes in metres). No code."
        .to_string()
}

pub fn coder_system(version: &str) -> String {
    format!(
        "You write Blender {version} Python scripts that build 3D assets. Rules:\n\
         - One self-contained script: `import bpy` (and bmesh, math, mathutils as needed); it runs on an empty scene.\n\
         - Named parameters at the top (sizes in metres, colours as RGBA tuples, counts), then one function per part, \
           then a `build()` that calls them, then `build()` at the end.\n\
         - Materials with the Principled BSDF node (`mat.node_tree.nodes[\"Principled BSDF\"]`), sockets by their \
           Blender {version} names.\n\
         - No file I/O, no rendering, no camera or light changes, no deleting objects the script did not make.\n\
         - Short comments that say why.\n\
         Answer with exactly one ```python block holding the whole script."
    )
}

/// The reference material, in order, as one text.
pub fn context_block(snippets: &[Snippet]) -> String {
    if snippets.is_empty() {
        return String::new();
    }
    let mut s = String::from("Reference from BlenderRAG (examples that run in this Blender, and API entries):\n");
    for sn in snippets {
        s.push_str(&format!("\n## {}\n{}\n", sn.source, sn.text));
    }
    s
}

pub fn coder_first(request: &str, plan: &str, context: &str) -> String {
    format!("Request: {request}\n\nPlan:\n{plan}\n\n{context}\nWrite the script.")
}

pub fn gate_findings(code: &str, findings: &[Finding]) -> String {
    let list: Vec<String> = findings.iter().map(|f| f.describe()).collect();
    format!(
        "bpy-lsp's static check of your script found problems that would fail in Blender:\n{}\n\n\
         The script:\n```python\n{code}```\nFix them and answer with the whole corrected script in one ```python block.",
        list.join("\n")
    )
}

pub fn debugger(code: &str, failure: &Failure, context: &str) -> String {
    format!(
        "The script raised in Blender.\nException: {}\nMessage: {}\nLine: {}\nCode at that line: {}\n\nTraceback (last lines):\n{}\n\n{context}\n\
         The script:\n```python\n{code}```\nFind the cause, fix it, and answer with the whole corrected script in one ```python block.",
        failure.kind,
        failure.message,
        failure.line.map_or("unknown".to_string(), |l| l.to_string()),
        failure.source.trim(),
        failure.traceback,
    )
}

pub fn critic_system() -> String {
    "You review renders of a 3D asset made in Blender against its request. List concrete problems only: missing \
     parts, floating or intersecting parts, wrong proportions, wrong colours or materials, one per line starting \
     with `- `. If the asset matches the request, answer exactly `NO PROBLEMS`."
        .to_string()
}

pub fn critic(request: &str, views: usize) -> String {
    format!("Request: {request}\nThese are {views} view(s) of the asset, rendered around it. What is wrong?")
}

/// The critic found nothing to change.
pub fn critique_is_clean(answer: &str) -> bool {
    let t = answer.trim().trim_matches('.').to_ascii_uppercase();
    t == "NO PROBLEMS" || t.starts_with("NO PROBLEMS")
}

pub fn revise(request: &str, code: &str, critique: &str) -> String {
    format!(
        "Request: {request}\nA review of the renders found these problems:\n{critique}\n\nThe script:\n```python\n{code}```\n\
         Fix the problems and answer with the whole revised script in one ```python block."
    )
}

pub fn refine(instruction: &str, code: &str, context: &str) -> String {
    format!(
        "Change this script as instructed. Keep everything else as it is.\nInstruction: {instruction}\n\n{context}\n\
         The script:\n```python\n{code}```\nAnswer with the whole changed script in one ```python block."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_from_answers() {
        assert_eq!(
            extract_code("Here:\n```python\nimport bpy\nx = 1\n```\nDone.").as_deref(),
            Ok("import bpy\nx = 1\n")
        );
        assert_eq!(
            extract_code("import bpy\nbpy.ops.mesh.primitive_cube_add()").as_deref(),
            Ok("import bpy\nbpy.ops.mesh.primitive_cube_add()\n")
        );
        assert_eq!(extract_code("I cannot help with that."), Err(AnswerError::NoCode));
        assert_eq!(extract_code("```python\nimport bpy\nfor i in range("), Err(AnswerError::Truncated));
    }

    #[test]
    fn parts_of_a_plan() {
        let parts = plan_parts("Plan:\n- seat: box\n2. legs: four cylinders\nArrangement: x\n");
        assert_eq!(parts, ["seat: box", "legs: four cylinders"]);
        assert!(critique_is_clean("No problems."));
        assert!(!critique_is_clean("- the legs float"));
    }
}
