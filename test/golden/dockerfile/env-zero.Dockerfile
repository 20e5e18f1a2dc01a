FROM python:3.13-slim
ENV PYTHONUNBUFFERED=1
ENV PYTHON_JIT=0
COPY . /app
CMD ["python", "/app/main.py"]
