package dev.countersign.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign clients create|list|revoke}: the API clients of machines (admin token). */
@Command(
        name = "clients",
        sortOptions = false,
        header = "Manage API clients: the credentials of CI jobs and " + "other machines (admin token).",
        description = "A client creates and reads requests with the scopes it is given; it never decides.",
        subcommands = {ClientsCommand.Create.class, ClientsCommand.ListClients.class, ClientsCommand.Revoke.class})
final class ClientsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw CliFailure.usage("say what to do: countersign clients create|list|revoke (countersign clients --help)");
    }

    @Command(name = "create", sortOptions = false, header = "Create an API client; prints its token once.")
    static final class Create implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Parameters(paramLabel = "NAME", description = "e.g. ci-prod: a-z, 0-9, '.', '_', '-'; never reused.")
        private String name;

        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                split = ",",
                required = true,
                description = "requests:write (create, cancel and record execution of its own requests), "
                        + "requests:read (get, list, wait); repeat or separate with commas.")
        private List<String> scopes;

        @Override
        public Integer call() {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("name", name);
            client.put("scopes", scopes);
            try (CountersignClient api = server.connect()) {
                var created = api.createClient(client);
                CredentialText.printCreated(server.output(), "API client \"" + name + "\"", created);
                return ExitCode.SUCCESS.code();
            }
        }
    }

    @Command(name = "list", sortOptions = false, header = "List API clients (never their tokens).")
    static final class ListClients implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Override
        public Integer call() {
            try (CountersignClient api = server.connect()) {
                var clients = api.clients();
                server.output().result(clients, CredentialText.clients(clients));
                return ExitCode.SUCCESS.code();
            }
        }
    }

    @Command(name = "revoke", sortOptions = false, header = "Revoke an API client: its token stops working.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        private ServerOptions server;

        @Parameters(paramLabel = "ID", description = "The client's id (countersign clients list).")
        private String id;

        @Override
        public Integer call() {
            try (CountersignClient api = server.connect()) {
                var revoked = api.revokeClient(id);
                server.output().result(revoked, CredentialText.revoked("API client", revoked));
                return ExitCode.SUCCESS.code();
            }
        }
    }
}
