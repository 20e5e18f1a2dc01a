# syntax=docker/dockerfile:1
# The image that serves the API.
FROM python:3.13-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install aria-engine
CMD ["aria-engine"]
