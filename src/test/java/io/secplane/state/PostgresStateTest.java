package io.secplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;

/** The state's operations on PostgreSQL, and two server processes on one database. */
class PostgresStateTest extends StateSuite {

    @Override
    protected String newDatabase() throws Exception {
        return EmbeddedPostgres.get().newDatabase();
    }

    @Test
    void aResetOrRestoreOnOneProcessIsSeenAtOnceByTheOther() throws Exception {
        String db = newDatabase();
        Node a = node(db, true);
        Node b = node(db, false);
        Api oldOnB = b.anonymous().as(a.bootstrap().get("accessToken").asString());
        String acme = "/v1/organizations/" + ACME;
        assertThat(oldOnB.get(acme).status()).isEqualTo(200);
        assertThat(a.operator().put("/operator/v1/snapshots/demo", null).status()).isEqualTo(201);
        // one database, one operator token (B made no first start of its own)
        Api operatorOnB = b.anonymous().as(a.bootstrap().get("operatorToken").asString());
        // B lists the snapshot A saved
        assertThat(operatorOnB.get("/operator/v1/snapshots").json().get("snapshots").get(0).get("name").asString()).isEqualTo("demo");

        var reset = a.operator().post("/operator/v1/state/reset", "{}").json();
        // at once on B: the old organization is gone (whatever B remembered of its key), the new key answers
        assertThat(oldOnB.get(acme).status()).isIn(401, 404);
        Api newOnB = b.anonymous().as(reset.get("accessToken").asString());
        assertThat(newOnB.get("/v1/organizations/" + reset.get("orgId").asString()).status()).isEqualTo(200);
        // and within a quarter of a second B has forgotten the old key altogether
        Thread.sleep(400);
        assertThat(oldOnB.get(acme).status()).isEqualTo(401);

        // restored on B: seen on A
        assertThat(operatorOnB.post("/operator/v1/snapshots/demo/restore", null).status()).isEqualTo(200);
        Api oldOnA = a.anonymous().as(oldOnB.token());
        long t0 = System.nanoTime();
        while (oldOnA.get(acme).status() != 200 && System.nanoTime() - t0 < 2_000_000_000L) {
            Thread.sleep(20);
        }
        long seen = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("two processes: a restore on B was answered on A after " + seen + " ms");
        assertThat(oldOnA.get(acme).status()).isEqualTo(200);
        assertThat(seen).isLessThan(1_000L);
        assertThat(a.anonymous().as(reset.get("accessToken").asString()).get("/v1/organizations").status()).isIn(401, 404);
    }
}
