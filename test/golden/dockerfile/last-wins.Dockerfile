FROM python:3.13-slim
ENV PYTHON_JIT=1
RUN python -c "import sys; print(sys.version)"
ENV PYTHON_JIT=0
CMD ["python"]
