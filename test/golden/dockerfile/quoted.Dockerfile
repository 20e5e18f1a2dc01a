FROM python:3.13-slim
ENV GREETING='hello world' PYTHON_JIT="1"
CMD ["python"]
