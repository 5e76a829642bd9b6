package io.axle.platform.storage;

/**
 * Asks the embedded read store to rewrite its file with only the data it still holds, so that values a read model
 * overwrote or removed (personal data of an erased customer) leave the disk. Its file format keeps old versions of a
 * document in unused space until that space is reused; the rewrite is done when the store is closed, or when it opens
 * after a stop that could not do it.
 */
public interface ReadStoreCompaction {

    /** Records that the file must be rewritten; cheap, and safe to call often. */
    void request();
}
