# Sourced by the capture benchmarks: CP = the headless part's run-time class path, from the local Maven repository
# (versions as in pom.xml), after the project's own classes and test classes.
M2=${M2_REPO:-$HOME/.m2/repository}
CP="target/classes:target/test-classes"
for jar in tools/jackson/core/jackson-core/3.3.0/jackson-core-3.3.0.jar \
           tools/jackson/core/jackson-databind/3.3.0/jackson-databind-3.3.0.jar \
           com/fasterxml/jackson/core/jackson-annotations/2.23/jackson-annotations-2.23.jar \
           info/picocli/picocli/4.7.7/picocli-4.7.7.jar; do
  CP="$CP:$M2/$jar"
done
