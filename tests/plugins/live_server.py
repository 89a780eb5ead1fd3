"""The real app served by uvicorn on 127.0.0.1 for browser tests."""
