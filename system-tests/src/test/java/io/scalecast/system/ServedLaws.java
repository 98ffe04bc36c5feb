package io.scalecast.system;

import static io.restassured.RestAssured.given;

/** What predict-service serves of a family's laws, read over its REST API. */
final class ServedLaws {

    private ServedLaws() {
    }

    /** The points behind the family's served Chinchilla law, or -1 while it has none. */
    static long points(ServiceProcess predict, String lab, String family) {
        Number points = given().queryParam("lab", lab).get(predict.url() + "/api/v1/families/" + family + "/laws")
                .then().extract().path("find { it.law == 'chinchilla' }.watermark.points");
        return points == null ? -1 : points.longValue();
    }
}
