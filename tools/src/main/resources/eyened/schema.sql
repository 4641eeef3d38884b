-- The original Eyened schema (docs/api.md §1.3, delete rules §1.4) as MariaDB 10.11 DDL:
-- the source side of ./macula migrate. utf8mb4 with a case- and accent-insensitive collation like real
-- deployments, so e.g. two tags whose names differ only by case cannot share a TagType (UNIQUE `Tag`).
-- Statements end with a semicolon at the end of a line (EyenedFixture splits on that).

CREATE TABLE `Contact` (
  `ContactID` INT NOT NULL AUTO_INCREMENT,
  `Name` VARCHAR(255) NOT NULL,
  `Email` VARCHAR(255) NOT NULL,
  `Institute` VARCHAR(255) NULL,
  `Orcid` VARCHAR(255) NULL,
  PRIMARY KEY (`ContactID`),
  UNIQUE KEY `uq_Contact` (`Name`, `Email`, `Institute`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Project` (
  `ProjectID` INT NOT NULL AUTO_INCREMENT,
  `ProjectName` VARCHAR(255) NOT NULL,
  `External` ENUM('Y','N','M') NOT NULL,
  `Description` TEXT NULL,
  `ContactID` INT NULL,
  `DOI` VARCHAR(255) NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`ProjectID`),
  UNIQUE KEY `ProjectName_UNIQUE` (`ProjectName`),
  KEY `fk_Project_Contact1_idx` (`ContactID`),
  CONSTRAINT `fk_Project_Contact1` FOREIGN KEY (`ContactID`) REFERENCES `Contact` (`ContactID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Patient` (
  `PatientID` INT NOT NULL AUTO_INCREMENT,
  `PatientIdentifier` VARCHAR(255) NOT NULL,
  `BirthDate` DATE NULL,
  `Sex` ENUM('M','F') NULL,
  `ProjectID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`PatientID`),
  UNIQUE KEY `uq_Patient_Identifier_Project` (`PatientIdentifier`, `ProjectID`),
  KEY `fk_Patient_Project1_idx` (`ProjectID`),
  CONSTRAINT `fk_Patient_Project1` FOREIGN KEY (`ProjectID`) REFERENCES `Project` (`ProjectID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Study` (
  `StudyID` INT NOT NULL AUTO_INCREMENT,
  `PatientID` INT NOT NULL,
  `StudyRound` INT NULL,
  `StudyDescription` VARCHAR(64) NULL,
  `StudyDate` DATE NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`StudyID`),
  UNIQUE KEY `uq_Study_Date_Patient` (`StudyDate`, `PatientID`),
  KEY `ix_Study_StudyRound` (`StudyRound`),
  KEY `ix_Study_StudyDate` (`StudyDate`),
  KEY `fk_Study_Patient1_idx` (`PatientID`),
  CONSTRAINT `fk_Study_Patient1` FOREIGN KEY (`PatientID`) REFERENCES `Patient` (`PatientID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Series` (
  `SeriesID` INT NOT NULL AUTO_INCREMENT,
  `StudyID` INT NOT NULL,
  `SeriesNumber` INT NULL,
  `SeriesInstanceUid` VARCHAR(64) NULL,
  `StudyInstanceUid` VARCHAR(64) NULL,
  PRIMARY KEY (`SeriesID`),
  UNIQUE KEY `SeriesInstanceUid_UNIQUE` (`SeriesInstanceUid`),
  UNIQUE KEY `uq_Series_Study_Series_Uid` (`StudyInstanceUid`, `SeriesInstanceUid`),
  KEY `fk_Series_Study1_idx` (`StudyID`),
  CONSTRAINT `fk_Series_Study1` FOREIGN KEY (`StudyID`) REFERENCES `Study` (`StudyID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `DeviceModel` (
  `DeviceModelID` INT NOT NULL AUTO_INCREMENT,
  `Manufacturer` VARCHAR(45) NOT NULL,
  `ManufacturerModelName` VARCHAR(45) NOT NULL,
  PRIMARY KEY (`DeviceModelID`),
  UNIQUE KEY `uq_DeviceModel` (`Manufacturer`, `ManufacturerModelName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `DeviceInstance` (
  `DeviceInstanceID` INT NOT NULL AUTO_INCREMENT,
  `DeviceModelID` INT NOT NULL,
  `SerialNumber` TEXT NULL,
  `Description` VARCHAR(256) NOT NULL,
  PRIMARY KEY (`DeviceInstanceID`),
  UNIQUE KEY `uq_DeviceInstance` (`DeviceModelID`, `Description`),
  CONSTRAINT `fk_DeviceInstance_DeviceModel1` FOREIGN KEY (`DeviceModelID`) REFERENCES `DeviceModel` (`DeviceModelID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `SourceInfo` (
  `SourceInfoID` INT NOT NULL AUTO_INCREMENT,
  `SourceName` VARCHAR(64) NOT NULL,
  `SourcePath` VARCHAR(250) NOT NULL,
  `ThumbnailPath` VARCHAR(250) NOT NULL,
  PRIMARY KEY (`SourceInfoID`),
  UNIQUE KEY `SourceName_UNIQUE` (`SourceName`),
  UNIQUE KEY `SourcePath_UNIQUE` (`SourcePath`),
  UNIQUE KEY `ThumbnailPath_UNIQUE` (`ThumbnailPath`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Modality` (
  `ModalityID` INT NOT NULL AUTO_INCREMENT,
  `ModalityTag` VARCHAR(40) NOT NULL,
  PRIMARY KEY (`ModalityID`),
  UNIQUE KEY `ModalityTag_UNIQUE` (`ModalityTag`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Scan` (
  `ScanID` INT NOT NULL AUTO_INCREMENT,
  `ScanMode` VARCHAR(40) NOT NULL,
  PRIMARY KEY (`ScanID`),
  UNIQUE KEY `ScanMode_UNIQUE` (`ScanMode`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `ImageInstance` (
  `ImageInstanceID` INT NOT NULL AUTO_INCREMENT,
  `SeriesID` INT NOT NULL,
  `SourceInfoID` INT NOT NULL,
  `DeviceInstanceID` INT NOT NULL,
  `ModalityID` INT NOT NULL,
  `ScanID` INT NULL,
  `Modality` ENUM('AdaptiveOptics','ColorFundus','ColorFundusStereo','RedFreeFundus','ExternalEye','LensPhotograph',
    'Ophthalmoscope','Autofluorescence','FluoresceinAngiography','ICGA','InfraredReflectance','BlueReflectance',
    'GreenReflectance','OCT','OCTA') NULL,
  `SOPInstanceUid` VARCHAR(64) NULL,
  `SOPClassUid` VARCHAR(64) NULL,
  `PhotometricInterpretation` VARCHAR(64) NULL,
  `SamplesPerPixel` INT NULL,
  `Rows_y` INT NULL,
  `Columns_x` INT NULL,
  `NrOfFrames` INT NULL,
  `SliceThickness` FLOAT NULL,
  `ResolutionAxial` FLOAT NULL,
  `ResolutionHorizontal` FLOAT NULL,
  `ResolutionVertical` FLOAT NULL,
  `HorizontalFieldOfView` FLOAT NULL,
  `Laterality` ENUM('L','R') NOT NULL,
  `DICOMModality` ENUM('OP','OPT','SC') NULL,
  `AnatomicRegion` INT NULL,
  `ETDRSField` ENUM('F1','F2','F3','F4','F5','F6','F7') NULL,
  `Angiography` INT NULL,
  `AcquisitionDateTime` DATETIME NULL,
  `PupilDilated` TINYINT(1) NULL,
  `DatasetIdentifier` VARCHAR(256) NOT NULL,
  `AltDatasetIdentifier` VARCHAR(256) NULL,
  `ThumbnailPath` VARCHAR(256) NULL,
  `OldPath` VARCHAR(256) NULL,
  `FDAIdentifier` INT NULL,
  `Inactive` TINYINT(1) NOT NULL,
  `CFROI` JSON NULL,
  `CFKeypoints` JSON NULL,
  `CFQuality` FLOAT NULL,
  `FileChecksum` TINYBLOB NULL,
  `DataHash` TINYBLOB NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `DateModified` DATETIME NULL,
  `DatePreprocessed` DATETIME NULL,
  PRIMARY KEY (`ImageInstanceID`),
  UNIQUE KEY `SOPInstanceUid_UNIQUE` (`SOPInstanceUid`),
  UNIQUE KEY `uq_ImageInstance_Dataset_Source` (`DatasetIdentifier`, `SourceInfoID`),
  KEY `fk_ImageInstance_Series1_idx` (`SeriesID`),
  KEY `fk_ImageInstance_SourceInfo1_idx` (`SourceInfoID`),
  KEY `fk_ImageInstance_DeviceInstance1_idx` (`DeviceInstanceID`),
  KEY `fk_ImageInstance_Modality1_idx` (`ModalityID`),
  KEY `fk_ImageInstance_Scan1_idx` (`ScanID`),
  CONSTRAINT `fk_ImageInstance_Series1` FOREIGN KEY (`SeriesID`) REFERENCES `Series` (`SeriesID`) ON DELETE CASCADE,
  CONSTRAINT `fk_ImageInstance_SourceInfo1` FOREIGN KEY (`SourceInfoID`) REFERENCES `SourceInfo` (`SourceInfoID`),
  CONSTRAINT `fk_ImageInstance_DeviceInstance1` FOREIGN KEY (`DeviceInstanceID`) REFERENCES `DeviceInstance` (`DeviceInstanceID`),
  CONSTRAINT `fk_ImageInstance_Modality1` FOREIGN KEY (`ModalityID`) REFERENCES `Modality` (`ModalityID`),
  CONSTRAINT `fk_ImageInstance_Scan1` FOREIGN KEY (`ScanID`) REFERENCES `Scan` (`ScanID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Creator` (
  `CreatorID` INT NOT NULL AUTO_INCREMENT,
  `CreatorName` VARCHAR(45) NOT NULL,
  `EmployeeIdentifier` VARCHAR(255) NULL,
  `IsHuman` TINYINT(1) NOT NULL,
  `Path` VARCHAR(80) NULL,
  `Version` INT NULL,
  `Description` VARCHAR(1000) NULL,
  `Role` INT NULL,
  `Password` BINARY(32) NULL,
  `PasswordHash` VARCHAR(255) NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`CreatorID`),
  UNIQUE KEY `CreatorName_UNIQUE` (`CreatorName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Feature` (
  `FeatureID` INT NOT NULL AUTO_INCREMENT,
  `FeatureName` VARCHAR(60) NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`FeatureID`),
  UNIQUE KEY `FeatureName_UNIQUE` (`FeatureName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `CompositeFeature` (
  `ParentFeatureID` INT NOT NULL,
  `ChildFeatureID` INT NOT NULL,
  `FeatureIndex` INT NOT NULL,
  PRIMARY KEY (`ParentFeatureID`, `ChildFeatureID`, `FeatureIndex`),
  KEY `fk_CompositeFeature_Child_idx` (`ChildFeatureID`),
  CONSTRAINT `fk_CompositeFeature_Parent` FOREIGN KEY (`ParentFeatureID`) REFERENCES `Feature` (`FeatureID`) ON DELETE CASCADE,
  CONSTRAINT `fk_CompositeFeature_Child` FOREIGN KEY (`ChildFeatureID`) REFERENCES `Feature` (`FeatureID`) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Model` (
  `ModelID` INT NOT NULL AUTO_INCREMENT,
  `ModelName` VARCHAR(255) NOT NULL,
  `Version` VARCHAR(255) NOT NULL,
  `ModelType` ENUM('segmentation','attributes') NOT NULL,
  `Description` VARCHAR(255) NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`ModelID`),
  UNIQUE KEY `ModelName_UNIQUE` (`ModelName`),
  UNIQUE KEY `uq_Model_Name_Version` (`ModelName`, `Version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `SegmentationModel` (
  `ModelID` INT NOT NULL,
  `FeatureID` INT NULL,
  PRIMARY KEY (`ModelID`),
  CONSTRAINT `fk_SegmentationModel_Model` FOREIGN KEY (`ModelID`) REFERENCES `Model` (`ModelID`) ON DELETE CASCADE,
  CONSTRAINT `fk_SegmentationModel_Feature` FOREIGN KEY (`FeatureID`) REFERENCES `Feature` (`FeatureID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AttributesModel` (
  `ModelID` INT NOT NULL,
  PRIMARY KEY (`ModelID`),
  CONSTRAINT `fk_AttributesModel_Model` FOREIGN KEY (`ModelID`) REFERENCES `Model` (`ModelID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `TaskDefinition` (
  `TaskDefinitionID` INT NOT NULL AUTO_INCREMENT,
  `TaskDefinitionName` VARCHAR(256) NOT NULL,
  `TaskConfig` JSON NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`TaskDefinitionID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Task` (
  `TaskID` INT NOT NULL AUTO_INCREMENT,
  `TaskName` VARCHAR(256) NOT NULL,
  `Description` TEXT NULL,
  `CreatorID` INT NULL,
  `ContactID` INT NULL,
  `TaskDefinitionID` INT NOT NULL,
  `TaskState` ENUM('NotStarted','Busy','Finished','Aborted','Archived') NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`TaskID`),
  CONSTRAINT `fk_Task_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`),
  CONSTRAINT `fk_Task_Contact` FOREIGN KEY (`ContactID`) REFERENCES `Contact` (`ContactID`),
  CONSTRAINT `fk_Task_TaskDefinition` FOREIGN KEY (`TaskDefinitionID`) REFERENCES `TaskDefinition` (`TaskDefinitionID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `SubTask` (
  `SubTaskID` INT NOT NULL AUTO_INCREMENT,
  `TaskID` INT NOT NULL,
  `CreatorID` INT NULL,
  `Comments` TEXT NULL,
  `TaskState` ENUM('NotStarted','Busy','Ready') NOT NULL,
  PRIMARY KEY (`SubTaskID`),
  CONSTRAINT `fk_SubTask_Task` FOREIGN KEY (`TaskID`) REFERENCES `Task` (`TaskID`) ON DELETE CASCADE,
  CONSTRAINT `fk_SubTask_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `SubTaskImageLink` (
  `SubTaskID` INT NOT NULL,
  `ImageInstanceID` INT NOT NULL,
  PRIMARY KEY (`SubTaskID`, `ImageInstanceID`),
  KEY `fk_SubTaskImageLink_ImageInstance_idx` (`ImageInstanceID`),
  CONSTRAINT `fk_SubTaskImageLink_SubTask` FOREIGN KEY (`SubTaskID`) REFERENCES `SubTask` (`SubTaskID`) ON DELETE CASCADE,
  CONSTRAINT `fk_SubTaskImageLink_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Segmentation` (
  `SegmentationID` INT NOT NULL AUTO_INCREMENT,
  `ImageInstanceID` INT NOT NULL,
  `ZarrArrayIndex` INT NULL,
  `DataRepresentation` ENUM('Binary','DualBitMask','Probability','MultiLabel','MultiClass') NOT NULL,
  `DataType` ENUM('R8','R8UI','R16UI','R32UI','R32F') NOT NULL,
  `Depth` INT NOT NULL,
  `Height` INT NOT NULL,
  `Width` INT NOT NULL,
  `SparseAxis` INT NULL,
  `ImageProjectionMatrix` JSON NULL,
  `ScanIndices` JSON NULL,
  `Threshold` FLOAT NULL,
  `ReferenceSegmentationID` INT NULL,
  `CreatorID` INT NOT NULL,
  `FeatureID` INT NOT NULL,
  `SubTaskID` INT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `DateModified` DATETIME NULL,
  `Inactive` TINYINT(1) NOT NULL,
  PRIMARY KEY (`SegmentationID`),
  CONSTRAINT `fk_Segmentation_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_Segmentation_Reference` FOREIGN KEY (`ReferenceSegmentationID`) REFERENCES `Segmentation` (`SegmentationID`),
  CONSTRAINT `fk_Segmentation_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`),
  CONSTRAINT `fk_Segmentation_Feature` FOREIGN KEY (`FeatureID`) REFERENCES `Feature` (`FeatureID`) ON DELETE RESTRICT,
  CONSTRAINT `fk_Segmentation_SubTask` FOREIGN KEY (`SubTaskID`) REFERENCES `SubTask` (`SubTaskID`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `ModelSegmentation` (
  `ModelSegmentationID` INT NOT NULL AUTO_INCREMENT,
  `ImageInstanceID` INT NOT NULL,
  `ModelID` INT NOT NULL,
  `ZarrArrayIndex` INT NULL,
  `DataRepresentation` ENUM('Binary','DualBitMask','Probability','MultiLabel','MultiClass') NOT NULL,
  `DataType` ENUM('R8','R8UI','R16UI','R32UI','R32F') NOT NULL,
  `Depth` INT NOT NULL,
  `Height` INT NOT NULL,
  `Width` INT NOT NULL,
  `SparseAxis` INT NULL,
  `ImageProjectionMatrix` JSON NULL,
  `ScanIndices` JSON NULL,
  `Threshold` FLOAT NULL,
  `ReferenceSegmentationID` INT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`ModelSegmentationID`),
  CONSTRAINT `fk_ModelSegmentation_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_ModelSegmentation_Model` FOREIGN KEY (`ModelID`) REFERENCES `Model` (`ModelID`),
  CONSTRAINT `fk_ModelSegmentation_Reference` FOREIGN KEY (`ReferenceSegmentationID`) REFERENCES `Segmentation` (`SegmentationID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `FormSchema` (
  `FormSchemaID` INT NOT NULL AUTO_INCREMENT,
  `SchemaName` VARCHAR(255) NOT NULL,
  `Schema` JSON NULL,
  `EntityType` ENUM('Patient','Study','Eye','StudyEye','ImageInstance') NULL,
  PRIMARY KEY (`FormSchemaID`),
  UNIQUE KEY `SchemaName_UNIQUE` (`SchemaName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `FormAnnotation` (
  `FormAnnotationID` INT NOT NULL AUTO_INCREMENT,
  `FormSchemaID` INT NOT NULL,
  `PatientID` INT NOT NULL,
  `StudyID` INT NULL,
  `ImageInstanceID` INT NULL,
  `Laterality` ENUM('L','R') NULL,
  `CreatorID` INT NOT NULL,
  `SubTaskID` INT NULL,
  `FormData` JSON NULL,
  `FormAnnotationReferenceID` INT NULL,
  `Inactive` TINYINT(1) NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `DateModified` DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`FormAnnotationID`),
  KEY `ix_FormAnnotation_FormAnnotationReferenceID` (`FormAnnotationReferenceID`),
  CONSTRAINT `fk_FormAnnotation_FormSchema` FOREIGN KEY (`FormSchemaID`) REFERENCES `FormSchema` (`FormSchemaID`),
  CONSTRAINT `fk_FormAnnotation_Patient` FOREIGN KEY (`PatientID`) REFERENCES `Patient` (`PatientID`),
  CONSTRAINT `fk_FormAnnotation_Study` FOREIGN KEY (`StudyID`) REFERENCES `Study` (`StudyID`),
  CONSTRAINT `fk_FormAnnotation_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_FormAnnotation_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`),
  CONSTRAINT `fk_FormAnnotation_SubTask` FOREIGN KEY (`SubTaskID`) REFERENCES `SubTask` (`SubTaskID`) ON DELETE SET NULL,
  CONSTRAINT `fk_FormAnnotation_Reference` FOREIGN KEY (`FormAnnotationReferenceID`) REFERENCES `FormAnnotation` (`FormAnnotationID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Tag` (
  `TagID` INT NOT NULL AUTO_INCREMENT,
  `TagName` VARCHAR(256) NOT NULL,
  `TagType` ENUM('Study','ImageInstance','Annotation','Segmentation','FormAnnotation') NOT NULL,
  `TagDescription` VARCHAR(256) NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`TagID`),
  UNIQUE KEY `Tag` (`TagName`, `TagType`),
  CONSTRAINT `fk_Tag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `StudyTag` (
  `TagID` INT NOT NULL,
  `StudyID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `Comment` VARCHAR(256) NULL,
  PRIMARY KEY (`TagID`, `StudyID`),
  KEY `fk_StudyTag_Study_idx` (`StudyID`),
  CONSTRAINT `fk_StudyTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_StudyTag_Study` FOREIGN KEY (`StudyID`) REFERENCES `Study` (`StudyID`) ON DELETE CASCADE,
  CONSTRAINT `fk_StudyTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `ImageInstanceTag` (
  `TagID` INT NOT NULL,
  `ImageInstanceID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `Comment` VARCHAR(256) NULL,
  PRIMARY KEY (`TagID`, `ImageInstanceID`),
  KEY `fk_ImageInstanceTag_ImageInstance_idx` (`ImageInstanceID`),
  CONSTRAINT `fk_ImageInstanceTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_ImageInstanceTag_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_ImageInstanceTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `SegmentationTag` (
  `TagID` INT NOT NULL,
  `SegmentationID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `Comment` VARCHAR(256) NULL,
  PRIMARY KEY (`TagID`, `SegmentationID`),
  KEY `fk_SegmentationTag_Segmentation_idx` (`SegmentationID`),
  CONSTRAINT `fk_SegmentationTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_SegmentationTag_Segmentation` FOREIGN KEY (`SegmentationID`) REFERENCES `Segmentation` (`SegmentationID`) ON DELETE CASCADE,
  CONSTRAINT `fk_SegmentationTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `FormAnnotationTag` (
  `TagID` INT NOT NULL,
  `FormAnnotationID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `Comment` VARCHAR(256) NULL,
  PRIMARY KEY (`TagID`, `FormAnnotationID`),
  KEY `fk_FormAnnotationTag_FormAnnotation_idx` (`FormAnnotationID`),
  CONSTRAINT `fk_FormAnnotationTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_FormAnnotationTag_FormAnnotation` FOREIGN KEY (`FormAnnotationID`) REFERENCES `FormAnnotation` (`FormAnnotationID`) ON DELETE CASCADE,
  CONSTRAINT `fk_FormAnnotationTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `CreatorTag` (
  `TagID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`TagID`, `CreatorID`),
  KEY `fk_CreatorTag_Creator_idx` (`CreatorID`),
  CONSTRAINT `fk_CreatorTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_CreatorTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AttributeDefinition` (
  `AttributeID` INT NOT NULL AUTO_INCREMENT,
  `AttributeName` VARCHAR(255) NOT NULL,
  `AttributeDataType` ENUM('String','Float','Int','JSON') NOT NULL,
  PRIMARY KEY (`AttributeID`),
  UNIQUE KEY `uq_AttributeDefinition_AttributeName` (`AttributeName`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AttributeValue` (
  `AttributeValueID` INT NOT NULL AUTO_INCREMENT,
  `AttributeID` INT NOT NULL,
  `ModelID` INT NOT NULL,
  `ImageInstanceID` INT NULL,
  `SegmentationID` INT NULL,
  `ModelSegmentationID` INT NULL,
  `PatientID` INT NULL,
  `StudyID` INT NULL,
  `Laterality` ENUM('L','R') NULL,
  `ValueFloat` FLOAT NULL,
  `ValueInt` INT NULL,
  `ValueText` VARCHAR(255) NULL,
  `ValueJSON` JSON NULL,
  PRIMARY KEY (`AttributeValueID`),
  UNIQUE KEY `uq_AttributeValue_Image` (`ImageInstanceID`, `AttributeID`, `ModelID`),
  UNIQUE KEY `uq_AttributeValue_Segmentation` (`SegmentationID`, `AttributeID`, `ModelID`),
  UNIQUE KEY `uq_AttributeValue_ModelSegmentation` (`ModelSegmentationID`, `AttributeID`, `ModelID`),
  UNIQUE KEY `uq_AttributeValue_Patient` (`PatientID`, `AttributeID`, `ModelID`),
  UNIQUE KEY `uq_AttributeValue_Study` (`StudyID`, `AttributeID`, `ModelID`),
  CONSTRAINT `ck_AttributeValue_exactly_one_entity` CHECK ((`ImageInstanceID` IS NOT NULL) + (`SegmentationID` IS NOT NULL)
    + (`ModelSegmentationID` IS NOT NULL) + (`PatientID` IS NOT NULL) + (`StudyID` IS NOT NULL) = 1),
  CONSTRAINT `fk_AttributeValue_AttributeDefinition` FOREIGN KEY (`AttributeID`) REFERENCES `AttributeDefinition` (`AttributeID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValue_Model` FOREIGN KEY (`ModelID`) REFERENCES `Model` (`ModelID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValue_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValue_Segmentation` FOREIGN KEY (`SegmentationID`) REFERENCES `Segmentation` (`SegmentationID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValue_ModelSegmentation` FOREIGN KEY (`ModelSegmentationID`) REFERENCES `ModelSegmentation` (`ModelSegmentationID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValue_Patient` FOREIGN KEY (`PatientID`) REFERENCES `Patient` (`PatientID`),
  CONSTRAINT `fk_AttributeValue_Study` FOREIGN KEY (`StudyID`) REFERENCES `Study` (`StudyID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AttributesModelOutput` (
  `ModelID` INT NOT NULL,
  `AttributeID` INT NOT NULL,
  PRIMARY KEY (`ModelID`, `AttributeID`),
  CONSTRAINT `fk_AttributesModelOutput_Model` FOREIGN KEY (`ModelID`) REFERENCES `AttributesModel` (`ModelID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributesModelOutput_Attribute` FOREIGN KEY (`AttributeID`) REFERENCES `AttributeDefinition` (`AttributeID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `ModelInput` (
  `ModelInputID` INT NOT NULL AUTO_INCREMENT,
  `ModelID` INT NOT NULL,
  `InputAttributeID` INT NOT NULL,
  `InputName` VARCHAR(255) NOT NULL,
  PRIMARY KEY (`ModelInputID`),
  UNIQUE KEY `uq_ModelInput_Model_Attribute` (`ModelID`, `InputAttributeID`),
  CONSTRAINT `fk_ModelInput_Model` FOREIGN KEY (`ModelID`) REFERENCES `AttributesModel` (`ModelID`) ON DELETE CASCADE,
  CONSTRAINT `fk_ModelInput_Attribute` FOREIGN KEY (`InputAttributeID`) REFERENCES `AttributeDefinition` (`AttributeID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AttributeValueInput` (
  `OutputAttributeValueID` INT NOT NULL,
  `InputAttributeValueID` INT NOT NULL,
  PRIMARY KEY (`OutputAttributeValueID`, `InputAttributeValueID`),
  CONSTRAINT `fk_AttributeValueInput_Output` FOREIGN KEY (`OutputAttributeValueID`) REFERENCES `AttributeValue` (`AttributeValueID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AttributeValueInput_Input` FOREIGN KEY (`InputAttributeValueID`) REFERENCES `AttributeValue` (`AttributeValueID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AnnotationType` (
  `AnnotationTypeID` INT NOT NULL AUTO_INCREMENT,
  `AnnotationTypeName` VARCHAR(45) NOT NULL,
  `Interpretation` VARCHAR(45) NOT NULL,
  PRIMARY KEY (`AnnotationTypeID`),
  UNIQUE KEY `uq_AnnotationType` (`AnnotationTypeName`, `Interpretation`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `Annotation` (
  `AnnotationID` INT NOT NULL AUTO_INCREMENT,
  `PatientID` INT NOT NULL,
  `StudyID` INT NULL,
  `SeriesID` INT NULL,
  `ImageInstanceID` INT NULL,
  `CreatorID` INT NOT NULL,
  `FeatureID` INT NOT NULL,
  `AnnotationTypeID` INT NOT NULL,
  `AnnotationReferenceID` INT NULL,
  `Inactive` TINYINT(1) NOT NULL DEFAULT 0,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`AnnotationID`),
  CONSTRAINT `fk_Annotation_Patient` FOREIGN KEY (`PatientID`) REFERENCES `Patient` (`PatientID`),
  CONSTRAINT `fk_Annotation_Study` FOREIGN KEY (`StudyID`) REFERENCES `Study` (`StudyID`),
  CONSTRAINT `fk_Annotation_Series` FOREIGN KEY (`SeriesID`) REFERENCES `Series` (`SeriesID`),
  CONSTRAINT `fk_Annotation_ImageInstance` FOREIGN KEY (`ImageInstanceID`) REFERENCES `ImageInstance` (`ImageInstanceID`) ON DELETE CASCADE,
  CONSTRAINT `fk_Annotation_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`),
  CONSTRAINT `fk_Annotation_Feature` FOREIGN KEY (`FeatureID`) REFERENCES `Feature` (`FeatureID`),
  CONSTRAINT `fk_Annotation_AnnotationType` FOREIGN KEY (`AnnotationTypeID`) REFERENCES `AnnotationType` (`AnnotationTypeID`),
  CONSTRAINT `fk_Annotation_Reference` FOREIGN KEY (`AnnotationReferenceID`) REFERENCES `Annotation` (`AnnotationID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AnnotationData` (
  `AnnotationID` INT NOT NULL,
  `ScanNr` INT NOT NULL,
  `ValueInt` INT NULL,
  `ValueFloat` FLOAT NULL,
  `ValueBlob` LONGBLOB NULL,
  `DatasetIdentifier` VARCHAR(45) NOT NULL,
  `DateModified` DATETIME NULL,
  `MediaType` VARCHAR(45) NOT NULL,
  PRIMARY KEY (`AnnotationID`, `ScanNr`),
  UNIQUE KEY `DatasetIdentifier_UNIQUE` (`DatasetIdentifier`),
  CONSTRAINT `fk_AnnotationData_Annotation` FOREIGN KEY (`AnnotationID`) REFERENCES `Annotation` (`AnnotationID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `AnnotationTag` (
  `TagID` INT NOT NULL,
  `AnnotationID` INT NOT NULL,
  `CreatorID` INT NOT NULL,
  `DateInserted` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`TagID`, `AnnotationID`),
  KEY `fk_AnnotationTag_Annotation_idx` (`AnnotationID`),
  CONSTRAINT `fk_AnnotationTag_Tag` FOREIGN KEY (`TagID`) REFERENCES `Tag` (`TagID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AnnotationTag_Annotation` FOREIGN KEY (`AnnotationID`) REFERENCES `Annotation` (`AnnotationID`) ON DELETE CASCADE,
  CONSTRAINT `fk_AnnotationTag_Creator` FOREIGN KEY (`CreatorID`) REFERENCES `Creator` (`CreatorID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
