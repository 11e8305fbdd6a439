//! The agents that write Blender code (the LL3M loop). `llm` talks to the model endpoints.

pub mod llm;
