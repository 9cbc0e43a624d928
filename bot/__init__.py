"""The chatbot: engine, flows, channels and the composition root."""
