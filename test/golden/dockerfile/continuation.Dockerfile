FROM python:3.13-slim
ENV A=1 \
    PYTHON_JIT=0 \
    B=2
CMD ["python"]
