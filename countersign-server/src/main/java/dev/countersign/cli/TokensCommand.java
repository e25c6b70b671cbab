package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign tokens create|list|revoke --person EMAIL}: people's own tokens (admin token). */
@Command(
        name = "tokens",
        sortOptions = false,
        header = "Manage personal tokens: a person's own credential, "
                + "which decides as that person and nobody else (admin token).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw CliFailure.usage(
                "say what to do: countersign tokens create|list|revoke --person EMAIL (countersign tokens --help)");
    }

    @Command(
            name = "create",
            sortOptions = false,
            header = "Create a personal token; prints it once.",
            description = "Give it to the person: with COUNTERSIGN_TOKEN set to it, `countersign decide` decides "
                    + "as them.")
    static final class Create implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Option(names = "--person", required = true, paramLabel = "EMAIL", description = "Whose token it is.")
        private String person;

        @Option(names = "--name", paramLabel = "NAME", description = "To tell their tokens apart, e.g. laptop.")
        private String name;

        @Override
        public Integer call() {
            Map<String, Object> token = new LinkedHashMap<>();
            if (name != null && !name.isBlank()) {
                token.put("name", name);
            }
            try (CountersignClient api = server.connect()) {
                var created = api.createToken(person, token);
                CredentialText.printCreated(server.output(), "Personal token of " + person, created);
                return ExitCode.SUCCESS.code();
            }
        }
    }

    @Command(name = "list", sortOptions = false, header = "List a person's tokens (never the tokens themselves).")
    static final class ListTokens implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Option(names = "--person", required = true, paramLabel = "EMAIL", description = "Whose tokens.")
        private String person;

        @Override
        public Integer call() {
            try (CountersignClient api = server.connect()) {
                var tokens = api.tokens(person);
                server.output().result(tokens, CredentialText.tokens(tokens));
                return ExitCode.SUCCESS.code();
            }
        }
    }

    @Command(name = "revoke", sortOptions = false, header = "Revoke a personal token: it stops working.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Option(names = "--person", required = true, paramLabel = "EMAIL", description = "Whose token.")
        private String person;

        @Parameters(paramLabel = "ID", description = "The token's id (countersign tokens list).")
        private String id;

        @Override
        public Integer call() {
            try (CountersignClient api = server.connect()) {
                var revoked = api.revokeToken(person, id);
                server.output().result(revoked, CredentialText.revoked("Personal token", revoked));
                return ExitCode.SUCCESS.code();
            }
        }
    }
}
