package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VersionResourceTest {

    @Test
    void saysWhichServiceApiAndSchemaItIs() {
        given().get("/api/v1/version").then().statusCode(200)
                .body("service", equalTo("predict-service"))
                .body("release", not(emptyOrNullString()))
                .body("api", equalTo("v1"))
                .body("schemaVersion", equalTo(1));
    }
}
