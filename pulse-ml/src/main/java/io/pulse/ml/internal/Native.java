package io.pulse.ml.internal;

import java.io.IOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost's native matrices and boosters for the length of one call. They hold memory outside the Java
 * heap that the garbage collector neither sees nor hurries to free, so a validation run that fits once
 * per fold would pile it up; every handle opened here is disposed before the call returns.
 */
public final class Native {

    /** The format of {@link #serialize}: XGBoost's Universal Binary JSON, its default and most compact. */
    public static final String MODEL_FORMAT = "ubj";

    private Native() {
    }

    /** Work on a native handle that may throw XGBoost's checked error. */
    @FunctionalInterface
    public interface Work<H, T> {
        T apply(H handle) throws XGBoostError;
    }

    /** Runs {@code work} on a dense matrix of {@code rows} (row-major, NaN missing), then frees it. */
    public static <T> T withMatrix(float[] rows, int n, int columns, Work<DMatrix, T> work) {
        DMatrix m = null;
        try {
            m = new DMatrix(rows, n, columns, Float.NaN);
            return work.apply(m);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }

    /** Runs {@code work} on {@code booster}, then frees it. */
    public static <T> T withBooster(Booster booster, Work<Booster, T> work) {
        try {
            return work.apply(booster);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            booster.dispose();
        }
    }

    /** Runs {@code work} on the booster {@code model} deserializes to, then frees it. */
    public static <T> T withModel(byte[] model, Work<Booster, T> work) {
        Booster booster;
        try {
            booster = XGBoost.loadModel(model);
        } catch (XGBoostError | IOException e) {
            throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
        }
        return withBooster(booster, work);
    }

    public static byte[] serialize(Booster booster) throws XGBoostError {
        return booster.toByteArray(MODEL_FORMAT);
    }
}
