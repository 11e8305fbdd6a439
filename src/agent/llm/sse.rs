//! Server-sent events off an answer body, each within the stall limit, over the
//! `eventsource-stream` parser (field parsing, multi-line `data:`, comments, CRLF).

use eventsource_stream::{Event, EventStream, EventStreamError, Eventsource};
use futures::StreamExt;
use reqwest::Response;

use super::LlmError;
use super::http::{ChunkStream, Endpoint};

pub struct Events<'a> {
    ep: &'a Endpoint,
    inner: EventStream<ChunkStream>,
}

impl<'a> Events<'a> {
    pub fn new(ep: &'a Endpoint, resp: Response) -> Events<'a> {
        // The stall limit counts bytes, not events: SSE comments (`: keep-alive`) that some
        // endpoints send while the model thinks keep the answer alive.
        Events { ep, inner: ep.chunks(resp).eventsource() }
    }

    /// The next event, `None` at the end of the body.
    pub async fn next(&mut self) -> Result<Option<Event>, LlmError> {
        match self.inner.next().await {
            None => Ok(None),
            Some(Ok(ev)) => Ok(Some(ev)),
            Some(Err(EventStreamError::Transport(e))) => Err(self.ep.chunk_error(e, "the answer stream")),
            Some(Err(EventStreamError::Utf8(e))) => Err(self.ep.bad(format!("the event stream is not UTF-8 ({e})"))),
            Some(Err(EventStreamError::Parser(e))) => {
                Err(self.ep.bad(format!("the event stream cannot be read ({})", self.ep.scrub(&e.to_string()))))
            }
        }
    }
}
