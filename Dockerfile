# The hadath worker image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY hadath ./hadath
COPY schemas ./schemas
COPY agents ./agents
RUN pip install --no-cache-dir . \
 && pip install --no-cache-dir --no-deps 'camel-tools==1.6.*'
ENV HADATH_BROKER=kafka://kafka:9092 \
    HADATH_WEB_HOST=0.0.0.0 \
    HADATH_DATA_DIR=/data
VOLUME /data
EXPOSE 6066
ENTRYPOINT ["hadath"]
CMD ["worker"]
