# A fragment meant to be included elsewhere.
ENV PYTHONUNBUFFERED=1
RUN pip install aria-engine
