package io.axle.command;

/** What the command side keeps of an uploaded file's name. */
public final class UploadedFiles {

    /** Longest file name kept, as most file systems allow. */
    public static final int MAX_FILE_NAME = 255;

    private UploadedFiles() {
    }

    /**
     * The name a client gave its file, as a name only: the last segment of a path some browsers send, without control
     * characters, at most {@value #MAX_FILE_NAME} characters; null when none is left.
     */
    public static String name(String given) {
        if (given == null) {
            return null;
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        name = name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name;
        return name.isEmpty() ? null : name;
    }
}
