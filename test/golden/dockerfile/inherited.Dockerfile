FROM python:3.13-slim AS base
ENV PYTHON_JIT=1
RUN pip install aria-engine

FROM base AS app
COPY . /app
CMD ["aria-engine"]
