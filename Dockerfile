# The hookgate command in an image. Build the jar first (./mvnw -DskipTests -pl app -am package),
# then: docker build -t hookgate .
FROM eclipse-temurin:17-jre
WORKDIR /opt/hookgate
COPY app/target/hookgate.jar ./hookgate.jar
COPY app/target/lib ./lib
COPY examples ./examples
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-Dorg.jboss.logging.provider=slf4j", "-jar", "/opt/hookgate/hookgate.jar"]
