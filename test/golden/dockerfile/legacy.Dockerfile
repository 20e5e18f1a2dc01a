FROM python:3.13-slim
ENV PYTHON_JIT 0
CMD ["python"]
