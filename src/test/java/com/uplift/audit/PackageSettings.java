package com.uplift.audit;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.QuietReporter;

/** ApprovalTests settings for audit: approved files live under src/test/resources, no diff tool is launched. */
public class PackageSettings {
    public static String ApprovalBaseDirectory = "../resources";
    public static ApprovalFailureReporter UseReporter = new QuietReporter();
}
