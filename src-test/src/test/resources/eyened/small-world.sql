-- A small Eyened world for EyenedMigrationTest (users are inserted by the test, with hashes it makes).
-- Edge cases: a non-ASCII patient identifier, an inactive image, tag names differing only by case
-- (in different tag types), a Busy task with a Ready sub-task, form data as an object, a list and
-- NULL, an inactive form annotation, a tagger other than the tag creator.
insert into Project (ProjectID, ProjectName, External, DateInserted) values (2, 'Rotterdam', 'N', '2020-01-01 00:00:00');
insert into Patient (PatientID, PatientIdentifier, BirthDate, Sex, ProjectID, DateInserted) values (5, 'P-Ünï', '1950-02-03', 'F', 2, '2020-02-01 00:00:00');
insert into Study (StudyID, PatientID, StudyRound, StudyDate, DateInserted) values (11, 5, 1, '2019-05-06', '2020-02-01 00:00:00');
insert into Series (SeriesID, StudyID, SeriesNumber) values (13, 11, 1);
insert into DeviceModel (DeviceModelID, Manufacturer, ManufacturerModelName) values (1, 'Topcon', 'TRC');
insert into DeviceInstance (DeviceInstanceID, DeviceModelID, Description) values (1, 1, 'cam 1');
insert into SourceInfo (SourceInfoID, SourceName, SourcePath, ThumbnailPath) values (1, 'src', '/s', '/t');
insert into Modality (ModalityID, ModalityTag) values (1, 'CF');
insert into ImageInstance (ImageInstanceID, SeriesID, SourceInfoID, DeviceInstanceID, ModalityID, Modality, Laterality, DatasetIdentifier, Inactive, Rows_y, Columns_x, NrOfFrames, HorizontalFieldOfView, DateInserted)
 values (101, 13, 1, 1, 1, 'ColorFundus', 'L', 'a/b.png', 0, 100, 200, 1, 45.5, '2020-03-01 12:00:00'),
        (105, 13, 1, 1, 1, 'ColorFundus', 'R', 'a/c.png', 1, 100, 200, 1, NULL, '2020-03-01 12:00:01');
insert into Feature (FeatureID, FeatureName, DateInserted) values (1, 'Drusen', '2020-01-01'), (2, 'Lesions', '2020-01-01');
insert into CompositeFeature values (2, 1, 0);
insert into Tag (TagID, TagName, TagType, TagDescription, CreatorID, DateInserted) values (4, 'good', 'ImageInstance', 'd', 3, '2021-05-05 05:05:05'), (6, 'GOOD', 'Study', 'd', 7, '2021-05-05 05:05:05');
insert into ImageInstanceTag (TagID, ImageInstanceID, CreatorID, DateInserted, Comment) values (4, 101, 7, '2021-06-06 06:06:06', 'nice'), (4, 105, 3, '2021-06-06 06:06:07', NULL);
insert into StudyTag (TagID, StudyID, CreatorID, DateInserted) values (6, 11, 3, '2021-06-06 06:06:06');
insert into CreatorTag (TagID, CreatorID, DateInserted) values (4, 3, '2021-07-07');
insert into TaskDefinition (TaskDefinitionID, TaskDefinitionName, TaskConfig, DateInserted) values (1, 'grading', '{"a":1}', '2021-01-01');
insert into Task (TaskID, TaskName, CreatorID, TaskDefinitionID, TaskState, DateInserted) values (9, 'T', 3, 1, 'Busy', '2021-02-02');
insert into SubTask (SubTaskID, TaskID, CreatorID, TaskState) values (21, 9, 7, 'Ready');
insert into SubTaskImageLink values (21, 101);
insert into FormSchema (FormSchemaID, SchemaName, `Schema`, EntityType) values (1, 'amd', '{"type":"object"}', 'ImageInstance');
insert into FormAnnotation (FormAnnotationID, FormSchemaID, PatientID, StudyID, ImageInstanceID, CreatorID, SubTaskID, FormData, Inactive, DateInserted) values
 (31, 1, 5, 11, 101, 7, 21, '{"grade":2}', 0, '2021-03-03'), (32, 1, 5, 11, 101, 7, NULL, '[1,2]', 0, '2021-03-04'), (33, 1, 5, NULL, NULL, 3, NULL, NULL, 1, '2021-03-05');
insert into FormAnnotationTag (TagID, FormAnnotationID, CreatorID, DateInserted) values (4, 31, 3, '2021-08-08');
-- Attributes: a quality model's outputs on an image (a float read through FLOAT's single precision,
-- a string, JSON) and on the patient, one value with all four columns NULL, one computed from another.
insert into Model (ModelID, ModelName, Version, ModelType, Description, DateInserted) values (40, 'quality-model', '2', 'attributes', 'q', '2022-02-02 02:02:02');
insert into AttributesModel (ModelID) values (40);
insert into AttributeDefinition (AttributeID, AttributeName, AttributeDataType) values (50, 'sharpness', 'Float'), (51, 'verdict', 'String'), (52, 'fovea', 'JSON'), (53, 'score', 'Int');
insert into AttributesModelOutput (ModelID, AttributeID) values (40, 50), (40, 51), (40, 52), (40, 53);
insert into ModelInput (ModelID, InputAttributeID, InputName) values (40, 50, 'sharp');
insert into AttributeValue (AttributeValueID, AttributeID, ModelID, ImageInstanceID, PatientID, Laterality, ValueFloat, ValueInt, ValueText, ValueJSON) values
 (60, 50, 40, 101, NULL, 'L', 0.81, NULL, NULL, NULL),
 (61, 51, 40, 101, NULL, NULL, NULL, NULL, 'Très bien', NULL),
 (62, 52, 40, 101, NULL, NULL, NULL, NULL, NULL, '{"x": 10, "y": [1, 2]}'),
 (63, 53, 40, 101, NULL, NULL, NULL, NULL, NULL, NULL),
 (64, 53, 40, NULL, 5, NULL, NULL, 7, NULL, NULL),
 (65, 50, 40, 105, NULL, NULL, 0.25, NULL, NULL, NULL);
insert into AttributeValueInput (OutputAttributeValueID, InputAttributeValueID) values (61, 60);
-- Preprocessing results on image 101 (what the original's run_inference writes).
update ImageInstance set CFROI = '{"success": true, "radius": 40}', CFQuality = 2, DatePreprocessed = '2020-04-01 00:00:00' where ImageInstanceID = 101;
-- A grader segmentation row without data (ZarrArrayIndex NULL): kept, its data answers 204.
insert into Segmentation (SegmentationID, ImageInstanceID, ZarrArrayIndex, DataRepresentation, DataType, Depth, Height, Width, CreatorID, FeatureID, DateInserted, Inactive)
 values (70, 101, NULL, 'Binary', 'R8UI', 1, 100, 200, 7, 1, '2021-09-09 09:09:09', 0);
