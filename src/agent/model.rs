//! The loop with a model (LL3M): planner -> retrieval -> coder -> static gate -> Blender
//! run -> debugger (bounded attempts) -> critic on the renders -> coder -> verifier on fresh
//! renders (bounded rounds); or a refinement: instruction + current code, the same gates.

use std::time::Instant;

use serde_json::json;

use super::budget;
use super::code::{self, AnswerError};
use super::llm::{ChatReply, ChatRequest, LlmError, Message, ModelConfig, Part, Provider, Role};
use super::pipeline::{Context, Error, Options, Outcome, Stats, Tried, try_version};
use super::progress::Phase;
use super::retrieve::{self, Snippet};
use super::run::Ran;
use super::session::Session;

/// One role's model.
pub struct RoleModel {
    pub provider: Box<dyn Provider>,
    pub model: String,
    pub context_tokens: Option<u32>,
    pub vision: bool,
    /// `openai gpt-4o`
    pub label: String,
}

impl RoleModel {
    pub fn new(cfg: &ModelConfig) -> Result<RoleModel, LlmError> {
        Ok(RoleModel {
            provider: super::llm::provider(cfg)?,
            model: cfg.model.clone(),
            context_tokens: cfg.context_tokens,
            vision: cfg.vision,
            label: format!("{} {}", cfg.provider.name(), cfg.model),
        })
    }
}

/// The models of the three roles (they may be the same endpoint).
pub struct Models {
    pub planner: RoleModel,
    pub coder: RoleModel,
    pub critic: RoleModel,
}

impl Models {
    pub fn same(cfg: &ModelConfig) -> Result<Models, LlmError> {
        Ok(Models { planner: RoleModel::new(cfg)?, coder: RoleModel::new(cfg)?, critic: RoleModel::new(cfg)? })
    }
}

/// Ask one role; every call is logged (sizes, time, tokens; never the key).
async fn ask(
    cx: &mut Context<'_>,
    session: &Session,
    stats: &mut Stats,
    role: &str,
    m: &RoleModel,
    messages: Vec<Message>,
) -> Result<ChatReply, Error> {
    let req = ChatRequest {
        model: m.model.clone(),
        messages,
        max_tokens: budget::answer_tokens(m.context_tokens),
        temperature: None,
    };
    let estimate = super::llm::estimate_request_tokens(&req);
    let images = req.messages.iter().flat_map(|x| &x.parts).filter(|p| matches!(p, Part::Png(_))).count();
    stats.model_calls += 1;
    let start = Instant::now();
    let result = m.provider.chat(&req, cx.cancel, &|_| {}).await;
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(reply) => {
            let prompt = reply.prompt_tokens.unwrap_or(u64::from(estimate));
            stats.prompt_tokens.push((role.to_string(), prompt));
            session.log(
                "model",
                json!({
                    "role": role, "model": m.label, "prompt_tokens": prompt, "estimated_prompt_tokens": estimate,
                    "images": images, "answer_chars": reply.text.len(), "completion_tokens": reply.completion_tokens,
                    "stop_reason": reply.stop_reason, "seconds": seconds,
                }),
            );
            Ok(reply)
        }
        Err(LlmError::Cancelled) => {
            session.log("cancelled", json!({"during": format!("{role} model request")}));
            Err(Error::Cancelled { session: Some(session.meta.id.clone()) })
        }
        Err(e) => {
            let message = session.redact(&e.to_string());
            session.log("model-error", json!({"role": role, "model": m.label, "error": message, "seconds": seconds}));
            Err(Error::Model(format!("the {role} model ({}) failed: {message}", m.label)))
        }
    }
}

fn code_of(session: &Session, reply: &ChatReply) -> Result<String, Error> {
    let cut = matches!(reply.stop_reason.as_deref(), Some("length" | "max_tokens"));
    match code::extract_code(&reply.text) {
        Ok(c) if !cut => Ok(c),
        Ok(_) | Err(AnswerError::Truncated) => {
            session.log("answer-error", json!({"error": "truncated", "answer_chars": reply.text.len()}));
            Err(Error::Model(AnswerError::Truncated.to_string()))
        }
        Err(e) => {
            session.log("answer-error", json!({"error": "no code", "answer_chars": reply.text.len()}));
            Err(Error::Model(e.to_string()))
        }
    }
}

fn system(text: String) -> Message {
    Message::text(Role::System, text)
}

fn user(text: String) -> Message {
    Message::text(Role::User, text)
}

/// Reference snippets within the coder's budget next to `fixed`; what was cut is logged.
fn fitted(session: &Session, m: &RoleModel, fixed: &str, snippets: Vec<Snippet>, what: &str) -> String {
    let f = budget::fit(fixed, snippets, m.context_tokens, budget::answer_tokens(m.context_tokens));
    session.log(
        "budget",
        json!({"for": what, "context_tokens": m.context_tokens, "fixed_tokens": f.fixed_tokens,
               "kept": f.kept.iter().map(|s| &s.source).collect::<Vec<_>>(), "cut": f.cut}),
    );
    code::context_block(&f.kept)
}

/// Gate and run until a version runs without error: findings the gate cannot fix go back to
/// the coder without a Blender run; a raise goes to the debugger; bounded both ways.
async fn until_it_runs(
    cx: &mut Context<'_>,
    session: &mut Session,
    opts: &Options,
    stats: &mut Stats,
    models: &Models,
    mut code: String,
    phase: Phase,
) -> Result<(Ran, String), Error> {
    let (mut raised, mut rejected) = (0u32, 0u32);
    loop {
        // After two rounds of findings, let Blender decide (the linter may be wrong).
        match try_version(cx, session, opts, stats, &code, phase, rejected >= 2).await? {
            Tried::Ran(ran, c) => return Ok((ran, c)),
            Tried::Rejected(report) => {
                rejected += 1;
                cx.progress.report(Phase::StaticCheck, "sending the findings back to the coder (no Blender run)");
                let prompt = code::gate_findings(&report.code, &report.remaining);
                let sys = code::coder_system(&cx.db.version);
                let reply = ask(cx, session, stats, "coder", &models.coder, vec![system(sys), user(prompt)]).await?;
                code = code_of(session, &reply)?;
            }
            Tried::Raised(ran, c) => {
                raised += 1;
                let Some(failure) = ran.failure else { return Ok((ran, c)) };
                if raised >= opts.attempts {
                    return Err(Error::Failed {
                        message: format!(
                            "the code still raised after {raised} Blender run(s): {}",
                            failure.describe().replace('\n', " ")
                        ),
                        session: session.meta.id.clone(),
                    });
                }
                cx.progress.report(Phase::Debug, format!("asking the debugger about {}", failure.kind));
                let names = retrieve::names_in(&failure.source, 4);
                let snippets = cx.rag.map(|r| retrieve::for_names(r, &names, 2)).unwrap_or_default();
                let base = code::debugger(&c, &failure, "");
                let context = fitted(session, &models.coder, &base, snippets, "debugger");
                let prompt = code::debugger(&c, &failure, &context);
                let sys = code::coder_system(&cx.db.version);
                let reply = ask(cx, session, stats, "debugger", &models.coder, vec![system(sys), user(prompt)]).await?;
                code = code_of(session, &reply)?;
            }
        }
    }
}

/// The critic on the renders; the coder revises; the verifier looks at fresh renders.
async fn critique(
    cx: &mut Context<'_>,
    session: &mut Session,
    opts: &Options,
    stats: &mut Stats,
    models: &Models,
    request: &str,
    mut ran: Ran,
    mut code: String,
    notices: &mut Vec<String>,
) -> Result<(Ran, String), Error> {
    if opts.rounds == 0 || ran.renders.is_empty() {
        return Ok((ran, code));
    }
    if !models.critic.vision {
        let n = format!("critic skipped: {} is configured without vision (vision = false)", models.critic.label);
        cx.progress.report(Phase::Critique, n.clone());
        session.log("critic-skipped", json!({"why": n}));
        notices.push(n);
        return Ok((ran, code));
    }
    for round in 0..=opts.rounds {
        let phase = if round == 0 { Phase::Critique } else { Phase::Verification };
        let mut parts = vec![Part::Text(code::critic(request, ran.renders.len()))];
        for (p, _, _) in &ran.renders {
            if let Ok(bytes) = std::fs::read(p) {
                parts.push(Part::Png(bytes));
            }
        }
        cx.progress.report(phase, format!("showing {} view(s) to the critic", parts.len() - 1));
        let msgs = vec![system(code::critic_system()), Message { role: Role::User, parts }];
        let role = if round == 0 { "critic" } else { "verifier" };
        let reply = match ask(cx, session, stats, role, &models.critic, msgs).await {
            Ok(r) => r,
            Err(Error::Model(m)) if m.contains("image") => {
                let n = format!("critic skipped: the endpoint refused images ({m})");
                session.log("critic-skipped", json!({"why": n}));
                notices.push(n);
                return Ok((ran, code));
            }
            Err(e) => return Err(e),
        };
        session.log(role, json!({"round": round, "critique": reply.text}));
        if code::critique_is_clean(&reply.text) {
            cx.progress.report(phase, "no problems found");
            break;
        }
        if round == opts.rounds {
            notices.push(format!(
                "the verifier still sees problems after {} round(s): {}",
                opts.rounds,
                one_line(&reply.text)
            ));
            break;
        }
        cx.progress.report(phase, format!("problems: {}", one_line(&reply.text)));
        let prompt = code::revise(request, &code, &reply.text);
        let sys = code::coder_system(&cx.db.version);
        let revised = ask(cx, session, stats, "coder", &models.coder, vec![system(sys), user(prompt)]).await?;
        let revised = code_of(session, &revised)?;
        match until_it_runs(cx, session, opts, stats, models, revised, phase).await {
            Ok((r, c)) => {
                ran = r;
                code = c;
            }
            Err(Error::Failed { message, .. }) => {
                // The version that ran stays the draft.
                notices.push(format!("the revision did not run ({message}); kept the version before it"));
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok((ran, code))
}

fn one_line(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    t.chars().take(200).collect()
}

pub async fn run(opts: &Options, cx: &mut Context<'_>, models: &Models) -> Result<Outcome, Error> {
    let label = models.coder.label.clone();
    let mut stats = Stats::default();
    let mut session = match &opts.session {
        Some(id) => Session::open(&opts.sessions_root, id).map_err(Error::BadRequest)?,
        None => Session::create(&opts.sessions_root, &opts.request, &label)
            .map_err(|e| Error::Io(format!("cannot write the session: {e}")))?,
    };
    for k in &opts.secrets {
        session.add_secret(k);
    }
    let result = run_in(opts, cx, models, &mut session, &mut stats).await;
    session.set_status(match &result {
        Ok(_) => "ok",
        Err(Error::Cancelled { .. }) => "cancelled",
        Err(_) => "failed",
    });
    let (ran, code, notices) = result?;
    Ok(Outcome {
        session: session.meta.id.clone(),
        session_dir: session.dir.clone(),
        code,
        draft: session.draft_path(),
        renders: ran.renders,
        provider: label.clone(),
        message: format!("{label}: {} model call(s), {} Blender run(s)", stats.model_calls, stats.blender_runs),
        notices,
        stats,
    })
}

async fn run_in(
    opts: &Options,
    cx: &mut Context<'_>,
    models: &Models,
    session: &mut Session,
    stats: &mut Stats,
) -> Result<(Ran, String, Vec<String>), Error> {
    let mut notices = Vec::new();
    let request = if opts.request.trim().is_empty() { session.meta.request.clone() } else { opts.request.clone() };
    let sys = code::coder_system(&cx.db.version);
    let (first, phase) = if let Some(instruction) = &opts.refine {
        let base = match (&opts.base_code, &opts.session) {
            (Some(c), _) => c.clone(),
            (None, Some(_)) => session.draft().ok_or_else(|| {
                Error::BadRequest(format!("session {} has no draft.py to refine (no version ran)", session.meta.id))
            })?,
            (None, None) => return Err(Error::BadRequest("nothing to refine: no code and no session".into())),
        };
        session.meta.refinements.push(instruction.clone());
        session.log("refine", json!({"instruction": instruction, "base_chars": base.len()}));
        cx.progress.report(Phase::Refinement, format!("asking {} to: {}", models.coder.label, one_line(instruction)));
        let names = retrieve::names_in(&base, 8);
        let snippets = cx.rag.map(|r| retrieve::for_names(r, &names, 1)).unwrap_or_default();
        let context = fitted(session, &models.coder, &code::refine(instruction, &base, ""), snippets, "refine");
        let prompt = code::refine(instruction, &base, &context);
        let reply = ask(cx, session, stats, "coder", &models.coder, vec![system(sys), user(prompt)]).await?;
        (code_of(session, &reply)?, Phase::Refinement)
    } else {
        cx.progress.report(Phase::Planning, format!("asking {} for a plan of the parts", models.planner.label));
        let reply = ask(
            cx,
            session,
            stats,
            "planner",
            &models.planner,
            vec![system(code::planner_system()), user(format!("Request: {request}"))],
        )
        .await?;
        let plan = reply.text.trim().to_string();
        if plan.is_empty() {
            return Err(Error::Model(format!("the planner ({}) answered with nothing", models.planner.label)));
        }
        session.write_file("plan.md", &plan);
        let parts = code::plan_parts(&plan);
        session.log("plan", json!({"parts": parts}));
        cx.progress.report(Phase::Retrieval, format!("BlenderRAG for {} part(s)", parts.len()));
        let mut queries = parts.clone();
        queries.push(request.clone());
        let mut snippets = cx.rag.map(|r| retrieve::for_parts(r, &queries, 2)).unwrap_or_default();
        let names = retrieve::names_in(&plan, 8);
        snippets.extend(cx.rag.map(|r| retrieve::for_names(r, &names, 1)).unwrap_or_default());
        session.log("retrieve", json!({"hits": snippets.iter().map(|s| &s.source).collect::<Vec<_>>()}));
        let context = fitted(session, &models.coder, &code::coder_first(&request, &plan, ""), snippets, "coder");
        cx.progress.report(Phase::Creation, format!("asking {} for the script", models.coder.label));
        let prompt = code::coder_first(&request, &plan, &context);
        let reply = ask(cx, session, stats, "coder", &models.coder, vec![system(sys), user(prompt)]).await?;
        (code_of(session, &reply)?, Phase::Creation)
    };
    let (ran, code) = until_it_runs(cx, session, opts, stats, models, first, phase).await?;
    let (ran, code) = critique(cx, session, opts, stats, models, &request, ran, code, &mut notices).await?;
    Ok((ran, code, notices))
}
