# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ENV PYTHONPATH=C:\app `
    PYTHON_JIT=1
CMD ["python.exe", "C:\\app\\main.py"]
