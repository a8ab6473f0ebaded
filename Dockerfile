# Coze Timer service image: built from source, run on a JRE. The same jar runs embedded or cluster
# mode; compose sets TIMER_MODE=cluster and the addresses of MySQL, Redis and ZooKeeper.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 timer
WORKDIR /app
COPY --from=build /src/bootstrap/target/coze-timer.jar /app/coze-timer.jar
COPY --from=build /src/bootstrap/target/libs /app/libs
USER timer
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
# SIGTERM stops the service gracefully: unsent fires handed back, calls in flight finished.
STOPSIGNAL SIGTERM
# Embedded mode listens on 127.0.0.1 unless SERVER_HOST says otherwise; inside a container that
# would be the container's own loopback, so the image listens on every interface of the container.
ENV SERVER_HOST=0.0.0.0
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/coze-timer.jar"]
