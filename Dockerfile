# Coze Timer service image: built from source, run on a JRE. The same jar runs embedded or cluster
# mode; compose sets TIMER_MODE=cluster and the addresses of MySQL, Redis and ZooKeeper.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# The dependency layer: the POMs alone, built once with no sources, fill the local repository
# with every dependency and plugin; it is rebuilt only when a POM changes, not on every source edit.
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY db-migrations/pom.xml db-migrations/
COPY adapters-out-persistence/pom.xml adapters-out-persistence/
COPY adapters-out-http/pom.xml adapters-out-http/
COPY adapters-out-coordination/pom.xml adapters-out-coordination/
COPY adapters-in-rest/pom.xml adapters-in-rest/
COPY tools-timefix/pom.xml tools-timefix/
COPY bootstrap/pom.xml bootstrap/
RUN mvn -B -q package -DskipTests
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app timer \
    && mkdir -p /app/data \
    && chown timer:timer /app/data
WORKDIR /app
COPY --from=build /src/bootstrap/target/coze-timer.jar /app/coze-timer.jar
COPY --from=build /src/bootstrap/target/libs /app/libs
# Embedded mode keeps its database, encryption key and admin token here: mount a volume on it.
# Embedded mode listens on 127.0.0.1 unless SERVER_HOST says otherwise; inside a container that
# would be the container's own loopback, so the image listens on every interface of the container.
ENV TIMER_DATA_DIR=/app/data \
    SERVER_HOST=0.0.0.0 \
    SERVER_PORT=8080
VOLUME ["/app/data"]
USER timer
EXPOSE 8080
# Ready: /observe/health/ready answers 200 (database reachable; in a cluster, ZooKeeper too).
# The image has no curl: a class of the jar asks, on the port of SERVER_PORT.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-cp", "/app/coze-timer.jar", "com.coze.timer.bootstrap.HealthProbe"]
# SIGTERM stops the service gracefully: unsent fires handed back, calls in flight finished.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/coze-timer.jar"]
