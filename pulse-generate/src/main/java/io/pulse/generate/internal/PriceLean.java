package io.pulse.generate.internal;

/** Which of the items looked at during a visit a buyer takes: any, or the dearer or cheaper of two. */
enum PriceLean {
    ANY, DEARER, CHEAPER
}
