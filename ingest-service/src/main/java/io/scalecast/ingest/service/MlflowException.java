package io.scalecast.ingest.service;

/** A refused MLflow tracking call, answered in MLflow's error shape: its HTTP status, error code and message. */
public class MlflowException extends RuntimeException {

    /** MLflow's code for a bad request parameter. */
    public static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    /** MLflow's code for an experiment or run that does not exist (or belongs to another lab). */
    public static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    /** MLflow's code for an experiment whose name is taken. */
    public static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";

    private final int status;
    private final String errorCode;

    public MlflowException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** A bad parameter of the call: 400 {@value #INVALID_PARAMETER_VALUE}. */
    public static MlflowException invalid(String message) {
        return new MlflowException(400, INVALID_PARAMETER_VALUE, message);
    }

    /** Something the call names does not exist for this lab: 404 {@value #RESOURCE_DOES_NOT_EXIST}. */
    public static MlflowException notFound(String message) {
        return new MlflowException(404, RESOURCE_DOES_NOT_EXIST, message);
    }

    /** The experiment's name is taken: 400 {@value #RESOURCE_ALREADY_EXISTS}, as MLflow answers. */
    public static MlflowException exists(String message) {
        return new MlflowException(400, RESOURCE_ALREADY_EXISTS, message);
    }

    /** MLflow's error code for an HTTP status this service answers with. */
    public static String codeFor(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> RESOURCE_DOES_NOT_EXIST;
            case 413 -> "RESOURCE_EXHAUSTED";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 503 -> "TEMPORARILY_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : INVALID_PARAMETER_VALUE;
        };
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
