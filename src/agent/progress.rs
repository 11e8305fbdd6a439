//! Progress of one agent run: phase names and elapsed time, like LL3M's
//! `[Initial Creation Phase: 0:01:00]`. The CLI prints these lines; the server turns them
//! into `$/progress` reports.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The steps of the loop, in the order they usually happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Phase {
    Setup,
    Planning,
    Retrieval,
    Creation,
    StaticCheck,
    Run,
    Debug,
    Critique,
    Verification,
    Refinement,
    Done,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Setup => "Setup",
            Phase::Planning => "Planning",
            Phase::Retrieval => "Retrieval",
            Phase::Creation => "Creation",
            Phase::StaticCheck => "Static check",
            Phase::Run => "Blender run",
            Phase::Debug => "Debugging",
            Phase::Critique => "Critique",
            Phase::Verification => "Verification",
            Phase::Refinement => "Refinement",
            Phase::Done => "Done",
        }
    }
}

/// `0:01:05`.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// One report: what phase, how long since the run started, what happens.
#[derive(Debug, Clone)]
pub struct Event {
    pub phase: Phase,
    pub elapsed: Duration,
    pub message: String,
}

impl Event {
    /// `[Creation: 0:00:03] message`
    pub fn line(&self) -> String {
        format!("[{}: {}] {}", self.phase.name(), clock(self.elapsed), self.message)
    }
}

/// Where progress goes (a terminal, `$/progress`, a test's list).
pub trait Sink: Send + Sync {
    fn report(&self, event: &Event);
}

/// Stamps events with the elapsed time and remembers how long each phase took.
pub struct Progress<'a> {
    sink: &'a dyn Sink,
    start: Instant,
    current: Mutex<Option<(Phase, Instant)>>,
    /// (phase, seconds) in order; a phase entered twice appears twice.
    pub times: Mutex<Vec<(Phase, f64)>>,
}

impl<'a> Progress<'a> {
    pub fn new(sink: &'a dyn Sink) -> Progress<'a> {
        Progress { sink, start: Instant::now(), current: Mutex::new(None), times: Mutex::new(Vec::new()) }
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    pub fn report(&self, phase: Phase, message: impl Into<String>) {
        let now = Instant::now();
        {
            let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
            match *cur {
                Some((p, _)) if p == phase => {}
                Some((p, since)) => {
                    self.times.lock().unwrap_or_else(|e| e.into_inner()).push((p, (now - since).as_secs_f64()));
                    *cur = Some((phase, now));
                }
                None => *cur = Some((phase, now)),
            }
        }
        self.sink.report(&Event { phase, elapsed: now - self.start, message: message.into() });
    }

    /// Close the current phase (its time goes into `times`).
    pub fn finish(&self) {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((p, since)) = cur.take() {
            self.times.lock().unwrap_or_else(|e| e.into_inner()).push((p, since.elapsed().as_secs_f64()));
        }
    }

    pub fn phase_times(&self) -> Vec<(Phase, f64)> {
        self.times.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Prints each event as a line on stderr.
pub struct Stderr;

impl Sink for Stderr {
    fn report(&self, event: &Event) {
        eprintln!("{}", event.line());
    }
}

/// Keeps the events (tests, benches).
#[derive(Default)]
pub struct Collect(pub Mutex<Vec<Event>>);

impl Sink for Collect {
    fn report(&self, event: &Event) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(event.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_the_phase_and_the_time() {
        let e = Event { phase: Phase::Creation, elapsed: Duration::from_secs(3725), message: "x".into() };
        assert_eq!(e.line(), "[Creation: 1:02:05] x");
        assert_eq!(clock(Duration::from_millis(3900)), "0:00:03");
    }
}
