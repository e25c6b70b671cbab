package dev.countersign;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings, bound from {@code COUNTERSIGN_*} environment variables (or {@code countersign.*}
 * properties).
 *
 * @param dataDir  where the embedded database and the generated API token live ({@code COUNTERSIGN_DATA_DIR})
 * @param baseUrl  the public address people reach this service at, for links ({@code COUNTERSIGN_BASE_URL});
 *                 when unset, links use the address each API call came in on
 * @param apiToken the bootstrap admin token ({@code COUNTERSIGN_API_TOKEN}); when unset one is generated into
 *                 {@code dataDir/api-token}
 * @param db       an external database ({@code COUNTERSIGN_DB_URL}, {@code _USER}, {@code _PASSWORD}); when no URL
 *                 is set, the embedded database in {@code dataDir} is used
 * @param adminOverride whether the admin token may decide in an approver's name, as a recorded override
 *                      ({@code COUNTERSIGN_ADMIN_OVERRIDE}, default true)
 */
@ConfigurationProperties("countersign")
public record CountersignProperties(
        @DefaultValue("./data") Path dataDir,
        URI baseUrl,
        String apiToken,
        @DefaultValue Database db,
        @DefaultValue("true") boolean adminOverride) {

    public CountersignProperties {
        if (baseUrl != null && (baseUrl.getScheme() == null || baseUrl.getHost() == null)) {
            throw new IllegalArgumentException("COUNTERSIGN_BASE_URL must be an absolute URL such as "
                    + "https://approvals.example.com, was '" + baseUrl + "'");
        }
    }

    public record Database(String url, String user, String password) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "****") + "]";
        }
    }

    @Override
    public String toString() {
        return "CountersignProperties[dataDir=" + dataDir + ", baseUrl=" + baseUrl + ", apiToken="
                + (apiToken == null ? null : "****") + ", db=" + db + ", adminOverride=" + adminOverride + "]";
    }
}
