# syntax=docker/dockerfile:1
FROM python:3.13-slim
WORKDIR /app
COPY . .
CMD ["python", "main.py"]
