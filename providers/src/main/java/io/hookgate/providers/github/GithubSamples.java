package io.hookgate.providers.github;

import io.hookgate.providers.crypto.Hmac;

import java.time.Instant;
import java.util.List;

/**
 * Sample GitHub deliveries: the event goes in {@code X-GitHub-Event}, its action (after the dot of
 * the type, as hookgate names GitHub types) in the body.
 */
final class GithubSamples {

    static final List<String> TYPES = List.of("push", "issues.opened", "pull_request.opened", "ping");

    private GithubSamples() {
    }

    /** The {@code X-GitHub-Event} value of {@code type}. */
    static String event(final String type) {
        final int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    static byte[] body(final String type, final Instant now) {
        final String repository = "\"repository\":{\"id\":1296269,\"full_name\":\"octocat/Hello-World\"},\"sender\":{\"login\":\"octocat\"}";
        return Hmac.utf8(switch (type) {
            case "push" -> "{\"ref\":\"refs/heads/main\",\"before\":\"6113728f27ae82c7b1a177c8d03f9e96e0adf246\",\"after\":"
                + "\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\",\"head_commit\":{\"message\":\"Update README.md\",\"timestamp\":\"" + now
                + "\"}," + repository + "}";
            case "issues.opened" -> "{\"action\":\"opened\",\"issue\":{\"number\":1347,\"title\":\"Found a bug\",\"created_at\":\"" + now
                + "\"}," + repository + "}";
            case "pull_request.opened" -> "{\"action\":\"opened\",\"number\":42,\"pull_request\":{\"title\":\"Amazing new feature\","
                + "\"created_at\":\"" + now + "\"}," + repository + "}";
            default -> "{\"zen\":\"Design for failure.\",\"hook_id\":1,\"sent_at\":\"" + now + "\"}";
        });
    }
}
