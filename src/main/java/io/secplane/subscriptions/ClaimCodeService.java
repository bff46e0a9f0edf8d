package io.secplane.subscriptions;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.organizations.Region;
import io.secplane.web.ApiException;
import io.secplane.web.Cursors;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/** The platform operator's side of claim codes: minting, listing, revoking. */
@Service
public class ClaimCodeService {

    /** One product asked for, with its entitlements (none: the product's own). */
    public record Asked(String productId, List<SubscriptionProduct.Entitlement> entitlements) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String SORT = "claim-codes:created:DESC";
    private final ClaimCodeRepository repository;
    private final Cursors cursors;

    public ClaimCodeService(ClaimCodeRepository repository, Cursors cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    @Transactional
    public ClaimCode mint(String name, List<Asked> asked, List<String> regionCodes, Integer validDays) {
        Fields f = new Fields();
        List<Region> regions = new ArrayList<>(new LinkedHashSet<>(regionCodes.stream().map(Region::valueOf).toList()));
        List<ClaimCode.Item> items = new ArrayList<>();
        Set<SubscriptionProduct> seen = new HashSet<>();
        Set<String> entitlementIds = new HashSet<>();
        for (Asked a : asked) {
            SubscriptionProduct p = SubscriptionProduct.byId(a.productId());
            if (!seen.add(p)) {
                f.problem("products", "names " + p.id() + " twice");
                continue;
            }
            if (regions.stream().noneMatch(p.regions()::contains)) {
                f.problem("regions", "include none where " + p.displayName() + " can be provisioned ("
                        + p.regions().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
            }
            List<SubscriptionProduct.Entitlement> ents = a.entitlements() == null || a.entitlements().isEmpty()
                    ? p.defaults() : List.copyOf(a.entitlements());
            for (SubscriptionProduct.Entitlement e : ents) {
                if (!entitlementIds.add(e.id())) {
                    f.problem("products", "name the entitlement " + e.id() + " twice");
                }
            }
            items.add(new ClaimCode.Item(p, ents));
        }
        String n = name == null ? items.stream().map(i -> i.product().displayName()).collect(Collectors.joining(", "))
                : f.text("name", name, true, 255);
        f.check();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ClaimCode code = new ClaimCode(newCode(), n, List.copyOf(items), List.copyOf(regions),
                now.plus(Duration.ofDays(validDays == null ? 90 : validDays)), now, null, null, null, null);
        repository.insert(code);
        return code;
    }

    @Transactional(readOnly = true)
    public Cursors.Page<ClaimCode> list(Integer max, String cursor) {
        int limit = Cursors.limit(max, 100, 500);
        Cursors.After after = cursors.after(cursor == null || cursor.isEmpty() ? null : cursor, SORT);
        Instant afterCreated = null;
        if (after.value() != null) {
            String[] parts = after.value().split("\\|", 2);
            try {
                afterCreated = Instant.parse(parts[0]);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The cursor is not one this server gave out.");
            }
            return cursors.page(repository.page(afterCreated, parts.length > 1 ? parts[1] : "", limit + 1), limit, SORT,
                    c -> c.created() + "|" + c.code(), c -> NIL);
        }
        return cursors.page(repository.page(null, null, limit + 1), limit, SORT, c -> c.created() + "|" + c.code(),
                c -> NIL);
    }

    private static final java.util.UUID NIL = new java.util.UUID(0, 0);

    @Transactional(readOnly = true)
    public ClaimCode get(String code) {
        return repository.find(normalize(code)).orElseThrow(() -> ApiException.notFound("Claim code " + code + " not found."));
    }

    @Transactional
    public void revoke(String code) {
        ClaimCode c = get(code);
        if (c.claimedAt() != null) {
            throw new ApiException(ErrorCode.CONFLICT, "Claim code " + c.code() + " was claimed already; it cannot be revoked.");
        }
        repository.revoke(c.code());
    }

    /** Codes are read in any case, with or without their dashes' surrounding spaces. */
    public static String normalize(String code) {
        return code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder("CC");
        for (int i = 0; i < 16; i++) {
            if (i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
