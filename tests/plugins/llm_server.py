"""Session-scoped local llama.cpp OpenAI-compatible server (see ../shared/LOCAL_LLM.md)."""
