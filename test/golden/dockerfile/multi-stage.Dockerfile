FROM python:3.13 AS builder
ENV PYTHON_JIT=0
WORKDIR /src
COPY . .
RUN pip wheel --wheel-dir /wheels .

FROM python:3.13-slim AS runtime
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl
USER nobody
CMD ["aria-engine"]
