ARG PY=3.13
FROM --platform=$BUILDPLATFORM \
    python:${PY}-slim AS app
RUN pip install aria-engine
CMD ["aria-engine"]
